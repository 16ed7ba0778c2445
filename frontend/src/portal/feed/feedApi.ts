import { request } from '../../api/client';

/** A feed post as the portal receives it (body_html is sanitised by the server). */
export interface FeedPost {
  id: number;
  kind: 'alumni' | 'news' | 'press' | 'executive' | 'comeback' | 'policy';
  author_id?: number;
  author_name: string;
  title: string;
  /** the Markdown, only when one post is opened (for editing) */
  body?: string;
  body_html: string;
  space_id?: number;
  pinned: boolean;
  publish_at: string;
  hidden: boolean;
  hidden_note?: string;
  comments: number;
  reactions: Record<string, number>;
  my_reactions: string[];
  /** changed after it was written (編集済み) */
  edited: boolean;
}

export interface FeedComment {
  id: number;
  author_id: number;
  author_name: string;
  body: string;
  body_html: string;
  hidden: boolean;
  hidden_note?: string;
  created_at: string;
  edited: boolean;
}

/** An uploaded image: markdown is ![画像](url), ready to insert. */
export interface UploadedImage {
  id: number;
  url: string;
  markdown: string;
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
  create: (body: string, mentions: number[] = []) =>
    request<FeedPost>('/api/portal/posts', { method: 'POST', json: { body, mentions } }),
  update: (id: number, body: string, mentions: number[] = []) =>
    request<FeedPost>(`/api/portal/posts/${id}`, { method: 'PUT', json: { body, mentions } }),
  remove: (id: number) => request<void>(`/api/portal/posts/${id}`, { method: 'DELETE' }),
  post: (id: number) => request<{ post: FeedPost; comments: FeedComment[] }>(`/api/portal/posts/${id}`),
  comment: (id: number, body: string, mentions: number[] = []) =>
    request<FeedComment>(`/api/portal/posts/${id}/comments`, { method: 'POST', json: { body, mentions } }),
  updateComment: (id: number, body: string, mentions: number[] = []) =>
    request<FeedComment>(`/api/portal/comments/${id}`, { method: 'PUT', json: { body, mentions } }),
  removeComment: (id: number) => request<void>(`/api/portal/comments/${id}`, { method: 'DELETE' }),
  uploadImage: (file: File) => {
    const form = new FormData();
    form.append('image', file);
    return request<UploadedImage>('/api/portal/feed/images', { method: 'POST', form });
  },
  react: (id: number, reaction: string) =>
    request<{ on: boolean }>(`/api/portal/posts/${id}/reactions`, { method: 'POST', json: { reaction } }),
  report: (kind: 'post' | 'comment', id: number, reason: string) =>
    request<void>('/api/portal/reports', { method: 'POST', json: { target_kind: kind, target_id: id, reason } }),
};
