import base from "@groundwork/eslint-config";

// Extra Next build dirs (e.g. the load benchmark's `.next-bench`) are output, not source.
export default [{ ignores: [".next-*/**"] }, ...base];
