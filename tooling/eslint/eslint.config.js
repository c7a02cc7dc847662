import { groundwork } from "./index.js";

export default groundwork({ dir: import.meta.dirname });
