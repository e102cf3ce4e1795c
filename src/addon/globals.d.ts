// Set by the build (scripts/build.ts): true for a Marketplace add-on build (`npm run push:addon`).
declare const ADDON_MODE: boolean;
// Set by the build (scripts/build.ts): a hash of the built code, so what one version of the
// add-on cached is not read by another.
declare const BUILD_ID: string;
