// placeholder until the page is built: replaced by its owner
export function AidApplyPage(_props: { elderMode: boolean; onToggleElderMode: () => void }) {
  return null;
}
