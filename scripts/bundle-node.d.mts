// Types of scripts/bundle-node.mjs for the TypeScript that imports it (tests, benches, torture).
export declare const NODE_BUNDLE: {
  readonly bundle: true;
  readonly platform: 'node';
  readonly format: 'esm';
  readonly target: 'node20';
  readonly packages: 'external';
  readonly logLevel: 'warning';
};

/** Bundles `entry` to `outfile` for plain Node, written aside and renamed; resolves to outfile. */
export declare function bundleForNode(
  entry: string,
  outfile: string,
  options?: { sourcemap?: boolean },
): Promise<string>;
