interface Option<V extends string> {
  value: V;
  label: string;
}

interface Props<V extends string> {
  /** the radio group's name, also what a problem focuses */
  name: string;
  legend: string;
  options: readonly Option<V>[];
  value: V | '';
  onChange: (value: V) => void;
  required?: boolean;
  requiredText?: string;
  problem?: string | undefined;
  /** each option's label gets `${testId}-${value}` */
  testId: string;
}

/** One choice among a few, as big rows to tap (radio buttons), with what is wrong under them in red words. */
export function AidChoices<V extends string>({
  name,
  legend,
  options,
  value,
  onChange,
  required,
  requiredText,
  problem,
  testId,
}: Props<V>) {
  const problemId = `${name}-problem`;
  return (
    <fieldset
      className={`aid-choices${problem ? ' aid-choices--invalid' : ''}`}
      aria-describedby={problem ? problemId : undefined}
      aria-required={required}
    >
      <legend className="field__label">
        {legend}
        {required && requiredText && <span className="field__required">{requiredText}</span>}
      </legend>
      {options.map((o) => (
        <label key={o.value} className={`aid-choice${value === o.value ? ' aid-choice--on' : ''}`} data-testid={`${testId}-${o.value}`}>
          <input
            type="radio"
            name={name}
            value={o.value}
            checked={value === o.value}
            onChange={() => onChange(o.value)}
            className="aid-choice__input"
          />
          <span>{o.label}</span>
        </label>
      ))}
      {problem && (
        <p id={problemId} className="field__problem" role="alert">
          {problem}
        </p>
      )}
    </fieldset>
  );
}
