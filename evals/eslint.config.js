import { groundwork } from "@groundwork/eslint-config";

export default [
  ...groundwork({ dir: import.meta.dirname }),
  // Every file here is a program or its loader: they set up processes (children's environments,
  // scratch databases, the source roots a corpus needs) the way bin/ and bench/ folders do.
  { files: ["src/**/*.ts"], rules: { "no-restricted-properties": "off" } },
];
