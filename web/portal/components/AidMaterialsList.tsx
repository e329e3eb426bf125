import { useTranslation } from 'react-i18next';
import type { ApplicantKind } from '../../shared/api/legalaid-public.js';

export type MeansRoute = 'income' | 'noMeansTest' | 'exemption';

interface Props {
  applicantKind: ApplicantKind | '';
  route: MeansRoute;
  pledge: boolean;
}

/** What to bring, for this applicant: their ID, the proxy's ID and proof, the case papers, and proof of means or status. */
export function AidMaterialsList({ applicantKind, route, pledge }: Props) {
  const { t } = useTranslation('portal');
  const items = [t('aid.materials.applicantId')];
  if (applicantKind && applicantKind !== 'self') {
    items.push(t('aid.materials.proxyId'));
    if (applicantKind === 'guardian') items.push(t('aid.materials.guardianProof'));
    else if (applicantKind === 'relativeOfDetained') items.push(t('aid.materials.detainedProof'));
    else items.push(t('aid.materials.agentProof'));
  }
  items.push(t('aid.materials.evidence'));
  if (route === 'noMeansTest') items.push(t('aid.materials.noMeansTestProof'));
  else if (route === 'exemption') items.push(t('aid.materials.exemptionProof'));
  else items.push(pledge ? t('aid.materials.pledged') : t('aid.materials.incomeProof'));
  return (
    <ol className="plain-list aid-materials" data-testid="aid-materials">
      {items.map((item) => (
        <li key={item}>{item}</li>
      ))}
    </ol>
  );
}
