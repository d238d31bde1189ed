export const id = 161;
export const ids = [161];
export const modules = {

/***/ 9161:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   createPagerDutyClient: () => (/* binding */ createPagerDutyClient)
/* harmony export */ });
/* harmony import */ var _pagerduty_pdjs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3419);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6073);


const MAX_LIMIT_RETRIES = 5;
function createPagerDutyClient(options) {
    const log = options.log ?? (() => { });
    const base = options.apiUrl.replace(/\/+$/, '');
    const maxWaitMs = options.maxWaitMs ?? 5 * 60_000;
    const baseMs = options.retryAfterBaseMs ?? 1000;
    const retries = options.retries ?? 3;
    let waitedMs = 0;
    let sent = 0;
    async function once(path, query) {
        sent++;
        try {
            const res = await (0,_pagerduty_pdjs__WEBPACK_IMPORTED_MODULE_0__/* .api */ .FH)({
                token: options.token,
                url: `${base}${path}`,
                method: 'GET',
                queryParameters: query,
                retryTimeout: options.pdjsRetryMs ?? 1000,
                // pdjs's own `requestTimeout` only starts a timer that aborts nothing (and can keep the process
                // alive); turn it off and abort for real instead.
                requestTimeout: 0,
                signal: AbortSignal.timeout(options.requestTimeoutMs ?? 30_000),
            });
            // pdjs leaves `resource` null for servers whose URL lacks ".com/"; `data` is the body either way.
            return { status: res.status, data: res.data, headers: res.headers };
        }
        catch (error) {
            // pdjs rejects with the Response itself when the body is not JSON.
            if (error instanceof Response)
                return { status: error.status, data: undefined, headers: error.headers };
            // Network errors carry the URL at most, never the Authorization header.
            const reason = error instanceof Error ? error.message.replaceAll(options.token, '***') : 'unknown error';
            return { status: 0, data: reason, headers: new Headers() };
        }
    }
    return {
        requests: () => sent,
        async get(path, query = {}) {
            let failures = 0;
            for (let attempt = 0;; attempt++) {
                const res = await once(path, query);
                if (res.status >= 200 && res.status < 300)
                    return res.data;
                if (res.status === 429) {
                    const seconds = Math.max(1, Number(res.headers.get('ratelimit-reset') ?? '') || 60);
                    if (attempt >= MAX_LIMIT_RETRIES || waitedMs + seconds * 1000 > maxWaitMs) {
                        throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .RateLimitedError */ .TM('pagerduty', `PagerDuty rate limit reached on GET ${path}; it resets in ${seconds} s (waited ${Math.round(waitedMs / 1000)} s of the ${Math.round(maxWaitMs / 1000)} s allowed)`, new Date(Date.now() + seconds * 1000), 429);
                    }
                    waitedMs += seconds * 1000;
                    log(`PagerDuty rate limit on GET ${path}: waiting ${seconds} s`);
                    await sleep(seconds * baseMs);
                    continue;
                }
                if ((res.status === 0 || res.status >= 500) && failures < retries - 1) {
                    failures++;
                    await sleep(failures * failures * baseMs);
                    continue;
                }
                throw toError(path, res.status, res.data, options.token);
            }
        },
    };
}
function toError(path, status, data, token) {
    if (status === 0)
        return new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .CollectorError */ .uX('pagerduty', `PagerDuty request GET ${path} failed: ${String(data)}`);
    if (status === 401) {
        return new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .CollectorError */ .uX('pagerduty', `PagerDuty rejected the token (401) on GET ${path}: check the \`pagerduty-token\` input`, { status });
    }
    if (status === 403) {
        return new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .PermissionError */ .i_('pagerduty', `PagerDuty refused GET ${path} (403): needs \`incidents.read\``, 'incidents.read', status);
    }
    // A server may echo what it was sent: the key never reaches a message.
    const detail = token === '' ? describeBody(data) : describeBody(data).replaceAll(token, '***');
    return new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .CollectorError */ .uX('pagerduty', `PagerDuty request GET ${path} failed (${status})${detail ? `: ${detail}` : ''}`, { status });
}
function describeBody(data) {
    const error = data?.error;
    if (error === undefined)
        return '';
    const parts = [typeof error.message === 'string' ? error.message : ''];
    if (Array.isArray(error.errors))
        parts.push(...error.errors.filter((e) => typeof e === 'string'));
    return parts.filter((p) => p !== '').join(' ');
}
function sleep(ms) {
    return new Promise((resolve) => setTimeout(resolve, ms));
}


/***/ })

};
