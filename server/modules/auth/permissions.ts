/** Posts (岗位) as in the glossary, and the permissions each gives. Deny by default: no post, no permission. */
export const POSTS = [
  'reception',
  'consultationDesk',
  'legalAidDesk',
  'dutyLawyer',
  'mediator',
  'villageAdviser',
  'legalLiaison',
  'supervisor',
  'admin',
] as const;
export type Post = (typeof POSTS)[number];

export const PERMISSIONS = [
  /** read sites and staff within one's scope */
  'org.read',
  /** edit regions, sites and staff within one's scope; reset passwords; import staff */
  'org.manage',
  /** read the audit log within one's scope */
  'audit.read',
  /** see personal data (phones) unmasked; every such view is audited */
  'personal.reveal',
  /** take a citizen's request at a desk, on the phone or from a letter (受理) */
  'requests.intake',
  /** dispatch, accept, transfer, return, pause and conclude requests (分流办理) */
  'requests.handle',
  /** issue supervision orders (督办) on requests within one's scope */
  'requests.supervise',
  /** legal aid: first review at a town station; review, decision, assignment and closing at the county center */
  'legalAid.review',
  /** legal aid: record progress and close the cases one is assigned to (legal aid personnel) */
  'legalAid.provide',
  /** legal aid: decide objections (异议) against refusals and terminations, for the justice bureau */
  'legalAid.objection',
  /** write Q&A and guides, and draft a Q&A from an answered online consultation (anonymised) */
  'knowledge.edit',
  /** review and publish Q&A and guides to citizens, or withdraw them */
  'knowledge.publish',
  /** the 12348 hotline: log calls and their outcome */
  'hotline.answer',
  /** the 12348 hotline: the duty roster, swaps, and the figures per lawyer and month */
  'hotline.manage',
  /** personal data (个人信息保护法): retention periods, key status, and a citizen's copy of all held about them — county level */
  'privacy.manage',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const STAFF: Permission[] = ['org.read', 'requests.intake', 'requests.handle'];

export const POST_PERMISSIONS: Record<Post, readonly Permission[]> = {
  reception: STAFF,
  consultationDesk: [...STAFF, 'knowledge.edit', 'knowledge.publish', 'hotline.answer', 'hotline.manage'],
  legalAidDesk: [...STAFF, 'legalAid.review', 'legalAid.provide'],
  dutyLawyer: [...STAFF, 'legalAid.provide', 'knowledge.edit', 'hotline.answer'],
  mediator: STAFF,
  villageAdviser: STAFF,
  // legal liaisons are trained villagers, not civil servants: they get no view of the staff list
  // they do pass on what villagers bring them: a request they take goes to the village room's desk
  legalLiaison: ['requests.intake'],
  supervisor: [
    'org.read',
    'audit.read',
    'requests.intake',
    'requests.handle',
    'requests.supervise',
    'legalAid.objection',
    'hotline.manage',
  ],
  admin: [
    'org.read',
    'org.manage',
    'audit.read',
    'personal.reveal',
    'requests.intake',
    'requests.handle',
    'requests.supervise',
    'legalAid.review',
    'legalAid.provide',
    'legalAid.objection',
    'knowledge.edit',
    'knowledge.publish',
    'hotline.answer',
    'hotline.manage',
    'privacy.manage',
  ],
};

/** Posts whose holders may take the request workflow's steps (requests.handle): every post but the legal liaison's. */
export const HANDLING_POSTS: readonly Post[] = POSTS.filter((p) => POST_PERMISSIONS[p].includes('requests.handle'));

export function isPost(value: string): value is Post {
  return (POSTS as readonly string[]).includes(value);
}

export function permissionsOf(posts: readonly string[]): Permission[] {
  const set = new Set<Permission>();
  for (const post of posts) if (isPost(post)) for (const p of POST_PERMISSIONS[post]) set.add(p);
  return PERMISSIONS.filter((p) => set.has(p));
}
