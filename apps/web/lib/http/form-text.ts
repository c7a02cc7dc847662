/**
 * A FormData field as text: a missing field is "", a file field reads "[object File]" as String() gave it
 * (so a file sent where text belongs never passes for a value a user typed).
 */
export function formText(value: FormDataEntryValue | null): string {
  if (value === null) return "";
  return typeof value === "string" ? value : Object.prototype.toString.call(value);
}
