import { groundwork } from "@groundwork/eslint-config";

export default groundwork({ dir: import.meta.dirname });
