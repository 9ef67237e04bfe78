/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/tests"],
  testMatch: ["**/*.test.ts"],
  transform: { "^.+\\.ts$": ["ts-jest", { tsconfig: "<rootDir>/tests/tsconfig.jest.json" }] },
  // End-to-end tests run `pulumi up` several times; unit and integration tests finish in milliseconds.
  testTimeout: 60_000,
  // Two cores: the e2e tests start the Pulumi CLI and provider plugins, which is enough parallelism.
  maxWorkers: 2,
  testSequencer: "<rootDir>/tests/sequencer.js",
};
