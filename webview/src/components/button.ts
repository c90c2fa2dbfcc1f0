import { toolkitElement } from './toolkitElement';

export type ButtonAppearance = 'primary' | 'secondary';

export interface ButtonOptions {
  readonly appearance?: ButtonAppearance;
  /** The accessible name when the visible label alone is ambiguous (e.g. "Copy key PAY-101"). */
  readonly ariaLabel?: string;
  readonly disabled?: boolean;
  /** Why the button is disabled, or what it does: shown as a tooltip. */
  readonly title?: string;
  readonly testId?: string;
  readonly onClick?: () => void;
}

/** A push button (`vscode-button`, or a native `<button type="button">`). The label is text, never markup. */
export function button(doc: Document, label: string, options: ButtonOptions = {}): HTMLElement {
  const { element, toolkit } = toolkitElement(doc, 'vscode-button', 'button');
  const appearance = options.appearance ?? 'secondary';
  element.textContent = label;
  element.classList.add('cl-button', `cl-button--${appearance}`);
  if (toolkit) element.setAttribute('appearance', appearance);
  else element.setAttribute('type', 'button');
  if (options.ariaLabel !== undefined) element.setAttribute('aria-label', options.ariaLabel);
  if (options.title !== undefined) element.setAttribute('title', options.title);
  if (options.testId !== undefined) element.dataset['testid'] = options.testId;
  setDisabled(element, options.disabled ?? false);
  const onClick = options.onClick;
  if (onClick) {
    element.addEventListener('click', (event) => {
      // A disabled toolkit button can still see a click dispatched at its host element.
      if (isDisabled(element)) {
        event.preventDefault();
        return;
      }
      onClick();
    });
  }
  return element;
}

export function setDisabled(element: HTMLElement, disabled: boolean): void {
  if (disabled) {
    element.setAttribute('disabled', '');
    element.setAttribute('aria-disabled', 'true');
  } else {
    element.removeAttribute('disabled');
    element.removeAttribute('aria-disabled');
  }
}

export function isDisabled(element: HTMLElement): boolean {
  return element.hasAttribute('disabled');
}
