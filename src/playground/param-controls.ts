/**
 * The DOM side of a playground's parameter controls (ParamControls.astro): reading and
 * setting their values, marking the changed ones. The value logic is params.ts.
 */
import type { ParamValue, Params } from '../runner/protocol.ts';
import { applicableParams, changedParams, readControl, type ParamType } from './params.ts';

interface Control {
  name: string;
  type: ParamType;
  /** The page's own value (the chapter's `params`, else the code's default). */
  page: ParamValue;
  field: HTMLInputElement | HTMLSelectElement;
  element: HTMLElement;
}

export class ParamControls {
  private readonly controls: Control[];
  private readonly page: Params;

  constructor(root: HTMLElement) {
    this.controls = [...root.querySelectorAll<HTMLElement>('[data-param]')].map((element) => ({
      name: element.dataset.param!,
      type: element.dataset.type as ParamType,
      page: JSON.parse(element.dataset.value!) as ParamValue,
      field: element.querySelector<HTMLInputElement | HTMLSelectElement>('input, select')!,
      element,
    }));
    this.page = Object.fromEntries(this.controls.map((c) => [c.name, c.page]));
  }

  /** The values in `stored` that these controls can still show (a new release may drop or retype one). */
  applicable(stored: Params): Params {
    return applicableParams(stored, Object.fromEntries(this.controls.map((c) => [c.name, c.type])));
  }

  /** Every control's value (valid values only). */
  values(): Params {
    const values: Params = {};
    for (const control of this.controls) {
      const value = this.read(control);
      if (value !== undefined) values[control.name] = value;
    }
    return values;
  }

  /** What the reader changed (valid values only), against the page's values. */
  changed(): Params {
    return changedParams(this.page, this.values());
  }

  /** Shows `values`, and the page's own value in every other control. */
  set(values: Params): void {
    for (const control of this.controls) {
      const value = values[control.name] ?? control.page;
      if (control.field instanceof HTMLInputElement && control.field.type === 'checkbox') control.field.checked = value === true;
      else control.field.value = String(value);
    }
    this.mark();
  }

  /** Marks the changed controls and shows each slider's value beside it. */
  mark(): void {
    const changed = this.changed();
    for (const { name, field, element } of this.controls) {
      element.toggleAttribute('data-changed', name in changed);
      element.querySelector<HTMLElement>('[data-part="changed"]')!.hidden = !(name in changed);
      const shown = element.querySelector('output');
      if (shown) shown.textContent = field.value;
    }
  }

  /** The first control whose value can't be used, with the browser's reason. */
  invalid(): { field: HTMLElement; message: string } | undefined {
    for (const control of this.controls) {
      if (!control.field.checkValidity() || this.read(control) === undefined) {
        const name = control.element.querySelector('label')?.textContent ?? control.name;
        return { field: control.field, message: `Parameter "${name}": ${control.field.validationMessage || 'enter a number'}` };
      }
    }
    return undefined;
  }

  private read({ type, field }: Control): ParamValue | undefined {
    return readControl(type, field.value, field instanceof HTMLInputElement && field.checked);
  }
}
