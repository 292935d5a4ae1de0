// After a refused submit, take the person to the first field that needs them (in `root`: one form of several on a page).
export function focusFirstProblem(root: ParentNode = document) {
  requestAnimationFrame(() => {
    const field = root.querySelector<HTMLElement>('[aria-invalid="true"], .field-invalid input, .field-invalid button');
    field?.focus();
  });
}
