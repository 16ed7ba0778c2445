import '@mantine/notifications/styles.css';
import '@mantine/dropzone/styles.css';
import '@mantine/dates/styles.css';
import { Notifications } from '@mantine/notifications';
import { lazy, Suspense } from 'react';
import { Route, Routes } from 'react-router';
import { AlumniListPage } from './alumni/AlumniListPage';
import { AlumnusPage } from './alumni/AlumnusPage';
import { AuditPage } from './AuditPage';
import { ConsoleLayout, FirstSection } from './ConsoleLayout';
import { DataPage } from './DataPage';
import { ImportPage } from './import/ImportPage';
import { LoginPage } from './LoginPage';
import { PluginFrame } from './plugins/PluginNav';
import { PluginsPage } from './plugins/PluginsPage';
import { RequirePermission } from './RequirePermission';
import { SessionProvider } from './session';
import { SettingsPage } from './SettingsPage';
import { Loading } from '../ui/Loading';

const EventsSection = lazy(() => import('./events/EventsSection'));
const MembersSection = lazy(() => import('./members/MembersSection'));

// The mail screens load when first opened.
const ModerationPage = lazy(() => import('./feed/ModerationPage'));
const CompanyPostsPage = lazy(() => import('./feed/CompanyPostsPage'));
const MailSection = lazy(() => import('./mail/MailSection').then((m) => ({ default: m.MailSection })));

export default function ConsoleApp() {
  return (
    <SessionProvider>
      <Notifications position="top-right" />
      <Routes>
        <Route path="login" element={<LoginPage />} />
        <Route element={<ConsoleLayout />}>
          <Route index element={<FirstSection />} />
          <Route element={<RequirePermission path="alumni" />}>
            <Route path="alumni" element={<AlumniListPage />} />
            <Route path="alumni/:id" element={<AlumnusPage />} />
          </Route>
          <Route element={<RequirePermission path="mail" />}>
            <Route
              path="mail/*"
              element={
                <Suspense fallback={<Loading />}>
                  <MailSection />
                </Suspense>
              }
            />
          </Route>
          <Route element={<RequirePermission path="events" />}>
            <Route
              path="events/*"
              element={
                <Suspense fallback={<Loading />}>
                  <EventsSection />
                </Suspense>
              }
            />
          </Route>
          <Route element={<RequirePermission path="import" />}>
            <Route path="import" element={<ImportPage />} />
          </Route>
          <Route element={<RequirePermission path="data" />}>
            <Route path="data" element={<DataPage />} />
          </Route>
          <Route element={<RequirePermission path="audit" />}>
            <Route path="audit" element={<AuditPage />} />
          </Route>
          <Route element={<RequirePermission path="feed" />}>
            <Route
              path="feed"
              element={
                <Suspense fallback={<Loading />}>
                  <ModerationPage />
                </Suspense>
              }
            />
          </Route>
          <Route element={<RequirePermission path="posts" />}>
            <Route
              path="posts"
              element={
                <Suspense fallback={<Loading />}>
                  <CompanyPostsPage />
                </Suspense>
              }
            />
          </Route>
          <Route element={<RequirePermission path="members" />}>
            <Route
              path="members/*"
              element={
                <Suspense fallback={<Loading />}>
                  <MembersSection />
                </Suspense>
              }
            />
          </Route>
          <Route element={<RequirePermission path="plugins" />}>
            <Route path="plugins" element={<PluginsPage />} />
          </Route>
          <Route element={<RequirePermission path="settings" />}>
            <Route path="settings" element={<SettingsPage />} />
          </Route>
          <Route path="p/:id/*" element={<PluginFrame />} />
          <Route path="*" element={<FirstSection />} />
        </Route>
      </Routes>
    </SessionProvider>
  );
}
