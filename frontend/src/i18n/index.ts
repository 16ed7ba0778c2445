import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { en } from './en';
import { ja } from './ja';

const storageKey = 'kizuna.lang';
export const languages = ['ja', 'en'] as const;
export type Language = (typeof languages)[number];

function initialLanguage(): Language {
  const saved = localStorage.getItem(storageKey);
  return saved === 'en' ? 'en' : 'ja';
}

export const i18n = i18next.createInstance();

void i18n.use(initReactI18next).init({
  resources: { ja: { translation: ja }, en: { translation: en } },
  lng: initialLanguage(),
  fallbackLng: 'ja',
  interpolation: { escapeValue: false },
  returnNull: false,
});

document.documentElement.lang = i18n.language;
i18n.on('languageChanged', (lng) => {
  localStorage.setItem(storageKey, lng);
  document.documentElement.lang = lng;
});
