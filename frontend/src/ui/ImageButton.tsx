import { Button, FileButton } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * Uploads an image with upload (the portal's or the console's feed image
 * call) and hands back its Markdown (![画像](url)) to insert; errors go to onError.
 */
export function ImageButton({ upload: send, onImage, onError }: {
  upload: (file: File) => Promise<{ markdown: string }>;
  onImage: (markdown: string) => void;
  onError: (e: unknown) => void;
}) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const upload = async (file: File | null) => {
    if (!file) return;
    setBusy(true);
    try {
      onImage((await send(file)).markdown);
    } catch (e) {
      onError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <FileButton onChange={upload} accept="image/jpeg,image/png,image/webp">
      {(props) => (
        <Button {...props} variant="light" size="xs" loading={busy} data-testid="add-image">
          {t('feedux.image')}
        </Button>
      )}
    </FileButton>
  );
}

/** text with an image's Markdown appended on a line of its own. */
export function withImage(text: string, markdown: string): string {
  return text.trim() ? `${text.trimEnd()}\n\n${markdown}\n` : `${markdown}\n`;
}
