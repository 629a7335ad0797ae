import { Suspense, useState, type ReactNode } from 'react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { ApiError } from '@/lib/api/client';
import { I18nProvider, type Language } from '@/lib/i18n/i18n';
import { Loading } from '@/components/ui';

export function makeQueryClient() {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        refetchOnWindowFocus: false,
        // 4xx answers will not change by asking again.
        retry: (count, error) => !(error instanceof ApiError && error.status < 500) && count < 2,
      },
    },
  });
}

export function AppProvider({ children, language, client }: { children: ReactNode; language?: Language; client?: QueryClient }) {
  const [queryClient] = useState(() => client ?? makeQueryClient());
  return (
    <I18nProvider language={language}>
      <QueryClientProvider client={queryClient}>
        <Suspense fallback={<Loading />}>{children}</Suspense>
      </QueryClientProvider>
    </I18nProvider>
  );
}
