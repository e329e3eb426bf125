// placeholder until the page is built: replaced by its owner
export function KnowledgeEntryPage() {
  return null;
}
