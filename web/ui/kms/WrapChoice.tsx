// A small radio group (the wrapping algorithm, where the key material comes from): native radios,
// so arrow keys move the choice; each option shows its cloud value or its description.
import { For } from 'solid-js';

export function WrapChoice<T extends string>(props: { name: string; label: string; value: T; options: readonly T[]; onChange(value: T): void; describe?(value: T): string }) {
  return (
    <fieldset class="kms-choice">
      <legend class="visually-hidden">{props.label}</legend>
      <For each={props.options}>
        {(option) => (
          <label class="kms-choice__option">
            <input type="radio" name={props.name} value={option} checked={props.value === option} onChange={() => props.onChange(option)} />
            {props.describe ? <span>{props.describe(option)}</span> : <code>{option}</code>}
          </label>
        )}
      </For>
    </fieldset>
  );
}
