import { AID_DOCUMENT_KINDS, type AidDocumentKind } from './documents.js';

/**
 * Who each document is for, which decides how it prints the applicant's phone and ID number (README, "Phones
 * and ID numbers on the documents"): the file copy in full, for a reader who may see them; a paper the
 * applicant carries away masked (the receipt's tracking number and phone open the tracking page); a paper for
 * anyone else masked. The letters and the closing report print neither.
 */
export type DocumentAudience = 'file' | 'applicant' | 'internal' | 'thirdParty';
export const AID_DOCUMENT_AUDIENCE: Record<AidDocumentKind, DocumentAudience> = {
  application: 'file',
  receipt: 'applicant',
  materialsNotice: 'applicant',
  decision: 'applicant',
  assignmentNotice: 'applicant',
  terminationDecision: 'applicant',
  closingReport: 'internal',
};

/** Whether this kind prints the phone and ID number as entered (to a reader allowed to see them). */
export const printsInFull = (kind: AidDocumentKind) => AID_DOCUMENT_AUDIENCE[kind] === 'file';

/** What a case has reached, as far as its documents go. */
export interface DocumentFacts {
  missingMaterials: string[] | null;
  decision: 'grant' | 'refuse' | null;
  provider: unknown;
  terminationGround: string | null;
  closedAt: string | null;
}

/**
 * Which documents a case has reached: a decision needs a decision, an assignment notice a provider, … The case
 * view carries the list (so the workbench shows exactly these) and the download answers 409 for the others.
 * A desk that only took the application down gets the application and the receipt.
 */
export function availableDocuments(c: DocumentFacts, handles = true): AidDocumentKind[] {
  return AID_DOCUMENT_KINDS.filter((kind) => {
    switch (kind) {
      case 'application':
      case 'receipt':
        return true;
      case 'materialsNotice':
        return handles && Boolean(c.missingMaterials?.length);
      case 'decision':
        return handles && c.decision !== null;
      case 'assignmentNotice':
        return handles && c.provider !== null;
      case 'terminationDecision':
        return handles && c.terminationGround !== null;
      case 'closingReport':
        return handles && c.closedAt !== null;
    }
  });
}
