/**
 * The third-party actions our workflows may use, each pinned to the commit its release tag points
 * at. A pin is added here only after checking the tag in the action's own repository (see
 * docs/release-checklist.md for how); the workflow checks then refuse any other SHA, so a typo or
 * an invented SHA cannot slip into a workflow.
 */
export interface Pin {
  sha: string;
  version: string;
}

export const VERIFIED_PINS: Readonly<Record<string, Pin>> = {
  'actions/checkout': { sha: '3d3c42e5aac5ba805825da76410c181273ba90b1', version: 'v7.0.1' },
  'actions/upload-artifact': {
    sha: 'bbbca2ddaa5d8feaa63e36b76fdaad77386f024f',
    version: 'v7.0.0',
  },
  'actions/download-artifact': {
    sha: '3e5f45b2cfb9172054b4087a40e8e0b5a5461e7c',
    version: 'v8.0.1',
  },
  'actions/create-github-app-token': {
    sha: '1b10c78c7865c340bc4f6099eb2f838309f1e8c3',
    version: 'v3.1.1',
  },
  'actions/setup-go': { sha: 'b7ad1dad31e06c5925ef5d2fc7ad053ef454303e', version: 'v7.0.0' },
  'actions/setup-node': { sha: '820762786026740c76f36085b0efc47a31fe5020', version: 'v7.0.0' },
  // An annotated tag: this is the commit it points at, not the tag object (0c17529a...).
  'pnpm/action-setup': { sha: 'fe02b34f77f8bc703788d5817da081398fad5dd2', version: 'v4.0.0' },
};

/**
 * `uses:` values allowed without a SHA. Only the Action these examples document: users copy it as
 * its release tag, and the examples' header comments tell them to pin it once they have reviewed
 * a release.
 */
export const ALLOWED_UNPINNED: readonly string[] = ['org/dora-action@v1'];
