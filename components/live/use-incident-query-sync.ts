'use client';

import { useQueryClient } from '@tanstack/react-query';
import { incidentKeys } from '@/components/api/query-keys';
import { useEffect, useRef } from 'react';
import { incidentsSignature } from '@/lib/view/build-incident-rows';
import { useOverview } from './use-live';

/** The incident queries (list and detail) are refetched whenever the overview's open incidents change. */
export function useIncidentQuerySync(): void {
  const overview = useOverview();
  const queryClient = useQueryClient();
  const signature = overview?.frame ? incidentsSignature(overview.frame.openIncidents) : null;
  const previous = useRef<string | null>(null);
  useEffect(() => {
    if (signature === null) return;
    if (previous.current !== null && previous.current !== signature) {
      void queryClient.invalidateQueries({ queryKey: incidentKeys.all });
    }
    previous.current = signature;
  }, [signature, queryClient]);
}
