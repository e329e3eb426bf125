// placeholder until the page is built: replaced by its owner
export function HotlineCallsPage() {
  return null;
}
