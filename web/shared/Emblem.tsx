/** The platform's mark (scales of justice), drawn inline so that it costs no request. */
export function Emblem({ className }: { className?: string }) {
  return (
    <svg className={className} viewBox="0 0 64 64" aria-hidden="true">
      <rect width="64" height="64" rx="14" fill="currentColor" />
      <path
        d="M32 12v38M20 50h24M14 22h36M20 22l-8 16a8 8 0 0 0 16 0zM44 22l-8 16a8 8 0 0 0 16 0z"
        fill="none"
        stroke="#fff"
        strokeWidth="4"
        strokeLinecap="round"
        strokeLinejoin="round"
      />
    </svg>
  );
}
