import { request } from '../../api/client';

/** A feed post as the portal receives it (body_html is sanitised by the server). */
export interface FeedPost {
  id: number;
  kind: 'alumni' | 'news' | 'press' | 'executive' | 'comeback' | 'policy';
  author_id?: number;
  author_name: string;
  title: string;
  body_html: string;
  space_id?: number;
  pinned: boolean;
  publish_at: string;
  hidden: boolean;
  hidden_note?: string;
  comments: number;
  reactions: Record<string, number>;
  my_reactions: string[];
}

export interface FeedComment {
  id: number;
  author_name: string;
  body_html: string;
  hidden: boolean;
  created_at: string;
}

export interface FeedPage {
  pinned: FeedPost[];
  posts: FeedPost[];
  next: string;
}

export const reactions = ['like', 'thanks', 'celebrate', 'insightful'] as const;

export const feedApi = {
  page: (before?: string, signal?: AbortSignal) =>
    request<FeedPage>('/api/portal/feed', { query: { before }, signal }),
  create: (body: string) => request<FeedPost>('/api/portal/posts', { method: 'POST', json: { body } }),
  post: (id: number) => request<{ post: FeedPost; comments: FeedComment[] }>(`/api/portal/posts/${id}`),
  comment: (id: number, body: string) =>
    request<FeedComment>(`/api/portal/posts/${id}/comments`, { method: 'POST', json: { body } }),
  react: (id: number, reaction: string) =>
    request<{ on: boolean }>(`/api/portal/posts/${id}/reactions`, { method: 'POST', json: { reaction } }),
  report: (kind: 'post' | 'comment', id: number, reason: string) =>
    request<void>('/api/portal/reports', { method: 'POST', json: { target_kind: kind, target_id: id, reason } }),
};
