/**
 * React hooks for staff islands: the signed-in staff member (following the sign-in form on the
 * same page) and the site configuration (organisation and activity base).
 */
import { useEffect, useState } from 'react';
import { loadSiteConfig, type SiteConfig } from '../tracking/site-config.ts';
import { STAFF_SESSION_EVENT } from './staff-sign-in.ts';
import { loadStaffSession, type StaffSession } from './staff-session.ts';

/** The staff session of this tab, updated when the person signs in or out. */
export function useStaffSession(): StaffSession | undefined {
  const [session, setSession] = useState<StaffSession | undefined>(undefined);
  useEffect(() => {
    const update = () => setSession(loadStaffSession());
    update();
    addEventListener(STAFF_SESSION_EVENT, update);
    return () => removeEventListener(STAFF_SESSION_EVENT, update);
  }, []);
  return session;
}

/** The site's configuration, once loaded. */
export function useSiteConfig(): SiteConfig | undefined {
  const [config, setConfig] = useState<SiteConfig | undefined>(undefined);
  useEffect(() => {
    void loadSiteConfig().then(setConfig);
  }, []);
  return config;
}
