import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

interface ControlProps {
  id: string;
  className: string;
  'aria-invalid': boolean;
  'aria-describedby': string | undefined;
  'aria-required': boolean;
}

interface Props {
  id: string;
  label: string;
  hint?: string;
  required?: boolean;
  problem?: string | undefined;
  /** the control, given the props that tie it to its label, hint and problem */
  children: (props: ControlProps) => ReactNode;
}

/** A form field in large type: the label above, the control, a hint, and what is wrong in red words. */
export function Field({ id, label, hint, required = false, problem, children }: Props) {
  const { t } = useTranslation('portal');
  const described = [hint ? `${id}-hint` : '', problem ? `${id}-problem` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`field${problem ? ' field--invalid' : ''}`}>
      <label htmlFor={id} className="field__label">
        {label}
        {required && <span className="field__required">{t('form.required')}</span>}
      </label>
      {children({
        id,
        className: 'field__control',
        'aria-invalid': Boolean(problem),
        'aria-describedby': described,
        'aria-required': required,
      })}
      {hint && (
        <p id={`${id}-hint`} className="field__hint">
          {hint}
        </p>
      )}
      {problem && (
        <p id={`${id}-problem`} className="field__problem" role="alert">
          {problem}
        </p>
      )}
    </div>
  );
}
