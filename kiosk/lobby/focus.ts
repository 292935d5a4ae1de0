// After a refused "Next", take the visitor to the first field that needs them.
export function focusFirstProblem() {
  requestAnimationFrame(() => {
    const field = document.querySelector<HTMLElement>('[aria-invalid="true"], .field-invalid input, .field-invalid button');
    field?.focus();
  });
}
