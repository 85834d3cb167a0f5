/** The Mantine wrapper around an input: label, description, the input and its error message. */
export function wrapperOf(input: HTMLElement): HTMLElement {
  const root = input.closest<HTMLElement>(".mantine-InputWrapper-root");
  if (!root) throw new Error("input has no Mantine wrapper");
  return root;
}
