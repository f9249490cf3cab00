// District and thana pickers from the reference data; changing the district clears a thana outside it.
import { SelectField } from '../kit/forms.tsx';
import { label, useLang } from '../kit/i18n.ts';
import type { Reference } from '../kit/reference.ts';

interface Props {
  reference: Reference;
  names: { district: string; thana: string };
  labels: { district: string; thana: string; choose: string };
  district: string;
  thana: string;
  onChange: (value: { district: string; thana: string }) => void;
  errors: Record<string, string | undefined>;
}

export function PlacePickers(props: Props) {
  const lang = useLang();
  const byName = (a: { label: string }, b: { label: string }) => a.label.localeCompare(b.label);
  const districts = props.reference.districts
    .map((d) => ({ value: String(d.id), label: label(d, lang) }))
    .sort(byName);
  const chosen = props.reference.districts.find((d) => String(d.id) === props.district);
  const thanas = (chosen?.thanas ?? [])
    .map((th) => ({ value: String(th.id), label: label(th, lang) }))
    .sort(byName);
  return (
    <div class="grid2">
      <SelectField
        name={props.names.district}
        label={props.labels.district}
        placeholder={props.labels.choose}
        options={districts}
        value={props.district}
        onValue={(district) => props.onChange({ district, thana: '' })}
        error={props.errors[props.names.district]}
      />
      <SelectField
        name={props.names.thana}
        label={props.labels.thana}
        placeholder={props.labels.choose}
        options={thanas}
        value={props.thana}
        onValue={(thana) => props.onChange({ district: props.district, thana })}
        error={props.errors[props.names.thana]}
      />
    </div>
  );
}
