import type { ComponentProps } from 'react';
import { useTranslation } from 'react-i18next';
import type { RegionNode } from '../../shared/api/types.js';
import { Field } from './Field.js';

/**
 * The fields both applications ask of a person (我要申请 and 申请法律援助): name, phone, ID number, where they
 * live and what happened. Each is a Field whose id is also its test id; `name` is what a form looks up to
 * put the focus on the first field with a problem.
 */

interface TextProps {
  id: string;
  /** the control's name in its form: the field's own by default (a proxy's phone is `proxyPhone`) */
  name?: string;
  label: string;
  hint?: string;
  required?: boolean;
  problem?: string | undefined;
  value: string;
  onChange: (value: string) => void;
  autoComplete?: string;
}

type InputAttributes = Omit<ComponentProps<'input'>, 'id' | 'name' | 'value' | 'onChange'>;

function InputField({ id, name, label, hint, required, problem, value, onChange, ...input }: TextProps & InputAttributes) {
  return (
    <Field id={id} label={label} hint={hint} required={required} problem={problem}>
      {(props) => <input {...props} {...input} name={name} value={value} onChange={(e) => onChange(e.target.value)} data-testid={id} />}
    </Field>
  );
}

/** A person's name, as on an ID card. */
export const NameField = ({ name = 'name', autoComplete = 'name', ...p }: TextProps) => (
  <InputField {...p} name={name} autoComplete={autoComplete} maxLength={40} />
);

/** A mobile number (a landline is taken too): the tracking look-up asks for it again. */
export const PhoneField = ({ name = 'phone', autoComplete = 'tel', ...p }: TextProps) => (
  <InputField {...p} name={name} type="tel" inputMode="tel" autoComplete={autoComplete} maxLength={20} />
);

/** An 18-digit resident ID number, optional on both forms. */
export const IdNumberField = (p: Omit<TextProps, 'name' | 'autoComplete'>) => (
  <InputField {...p} name="idNumber" inputMode="text" autoComplete="off" maxLength={18} />
);

/** What happened, in the person's own words. */
export function DescriptionField({
  id,
  label,
  placeholder,
  required,
  problem,
  value,
  onChange,
}: Omit<TextProps, 'name' | 'autoComplete'> & { placeholder: string }) {
  return (
    <Field id={id} label={label} required={required} problem={problem}>
      {(props) => (
        <textarea
          {...props}
          name="description"
          rows={5}
          maxLength={5000}
          placeholder={placeholder}
          value={value}
          onChange={(e) => onChange(e.target.value)}
          data-testid={id}
        />
      )}
    </Field>
  );
}

interface PlaceProps {
  /** `<idPrefix>-town`, `<idPrefix>-village` */
  idPrefix: string;
  /** whose words: 我要申请's (`apply.*`) or the legal aid form's (`aid.person.*`) */
  texts: 'apply' | 'aid.person';
  /** the county's towns with their villages; undefined while loading */
  towns: readonly RegionNode[] | undefined;
  town: string;
  village: string;
  /** a new town is told as `town`; the form clears the village it had */
  onChange: (name: 'town' | 'village', value: string) => void;
  problems: { town?: string | undefined; village?: string | undefined };
}

/** Where the person lives: the town (required), then one of its villages (may be left at "don't know"). */
export function TownVillageFields({ idPrefix, texts, towns, town, village, onChange, problems }: PlaceProps) {
  const { t } = useTranslation('portal');
  const { t: tc } = useTranslation('common');
  const villages = towns?.find((x) => x.code === town)?.children ?? [];
  return (
    <>
      <Field id={`${idPrefix}-town`} label={t(`${texts}.town`)} required problem={problems.town}>
        {(props) => (
          <select {...props} name="town" value={town} onChange={(e) => onChange('town', e.target.value)} data-testid={`${idPrefix}-town`}>
            <option value="">{towns ? t(`${texts}.townPlaceholder`) : tc('loading')}</option>
            {towns?.map((x) => (
              <option key={x.code} value={x.code}>
                {x.name}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field id={`${idPrefix}-village`} label={t(`${texts}.village`)} problem={problems.village}>
        {(props) => (
          <select
            {...props}
            name="village"
            value={village}
            disabled={!town}
            onChange={(e) => onChange('village', e.target.value)}
            data-testid={`${idPrefix}-village`}
          >
            <option value="">{town ? t(`${texts}.villageAny`) : t(`${texts}.villageFirst`)}</option>
            {villages.map((v) => (
              <option key={v.code} value={v.code}>
                {v.shortName || v.name}
              </option>
            ))}
          </select>
        )}
      </Field>
    </>
  );
}
