/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/tests"],
  testMatch: ["**/*.test.ts"],
  transform: { "^.+\\.ts$": ["ts-jest", { tsconfig: "<rootDir>/tests/tsconfig.jest.json" }] },
  // End-to-end tests run `pulumi up` several times; unit and integration tests finish in milliseconds.
  testTimeout: 60_000,
  // Three on two cores: an end-to-end file waits on the CLI, its plugins and Graph's timings for part of its
  // run, and a third file uses that time.
  maxWorkers: 3,
  testSequencer: "<rootDir>/tests/sequencer.js",
};
