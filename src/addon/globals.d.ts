// Set by the build (scripts/build.ts): true for a Marketplace add-on build (`npm run push:addon`).
declare const ADDON_MODE: boolean;
