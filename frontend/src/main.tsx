import '@mantine/core/styles.css';
import './i18n';
import { MantineProvider } from '@mantine/core';
import { StrictMode, Suspense, lazy } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter, Navigate, Route, Routes } from 'react-router';
import { Loading } from './ui/Loading';
import { theme } from './ui/theme';

// The console and the portal are separate chunks: an alumnus opening the
// portal on a phone never downloads the HR console.
const ConsoleApp = lazy(() => import('./console/ConsoleApp'));
const PortalApp = lazy(() => import('./portal/PortalApp'));

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <MantineProvider theme={theme} defaultColorScheme="light">
      <BrowserRouter>
        <Suspense fallback={<Loading />}>
          <Routes>
            <Route path="/console/*" element={<ConsoleApp />} />
            <Route path="/portal/*" element={<PortalApp />} />
            <Route path="*" element={<Navigate to="/console/" replace />} />
          </Routes>
        </Suspense>
      </BrowserRouter>
    </MantineProvider>
  </StrictMode>,
);
