import { useCallback, useState } from 'react';

/**
 * 长辈模式: larger type and higher contrast, switched by a class on <html> so that every rule in
 * portal.css can follow it. The choice is remembered on this device.
 */
const STORAGE_KEY = 'legalhub.elderMode';
const CLASS = 'elder';

function readStored(): boolean {
  try {
    return localStorage.getItem(STORAGE_KEY) === '1';
  } catch {
    return false;
  }
}

function apply(on: boolean): void {
  document.documentElement.classList.toggle(CLASS, on);
}

export function applyStoredElderMode(): void {
  apply(readStored());
}

export function useElderMode(): [boolean, () => void] {
  const [on, setOn] = useState(readStored);
  const toggle = useCallback(() => {
    setOn((was) => {
      const next = !was;
      apply(next);
      try {
        localStorage.setItem(STORAGE_KEY, next ? '1' : '0');
      } catch {
        // private mode: the choice lasts for this page only
      }
      return next;
    });
  }, []);
  return [on, toggle];
}
