/**
 * Realistic names for the seed: the apps a SaaS product integrates with, the flows it
 * runs against them, and the companies that are its tenants.
 */

export type AuthType =
  | 'integration-app-token'
  | 'membrane-token'
  | 'oauth2'
  | 'oauth1'
  | 'client-credentials'
  | 'proxy';

export interface AppTemplate {
  key: string;
  name: string;
  authType: AuthType;
  /** Data collections the connector offers; flows pick theirs from here. */
  collections: readonly string[];
}

/** Always part of the seed (in seeded order) before any extra app. */
export const CORE_APPS: readonly AppTemplate[] = [
  {
    key: 'hubspot',
    name: 'HubSpot',
    authType: 'oauth2',
    collections: ['contacts', 'companies', 'deals'],
  },
  {
    key: 'salesforce',
    name: 'Salesforce',
    authType: 'oauth2',
    collections: ['contacts', 'leads', 'deals'],
  },
  {
    key: 'slack',
    name: 'Slack',
    authType: 'oauth2',
    collections: ['messages', 'users', 'channels'],
  },
  {
    key: 'pipedrive',
    name: 'Pipedrive',
    authType: 'oauth2',
    collections: ['contacts', 'deals', 'activities'],
  },
  {
    key: 'zendesk',
    name: 'Zendesk',
    authType: 'client-credentials',
    collections: ['tickets', 'users'],
  },
  { key: 'jira', name: 'Jira', authType: 'oauth1', collections: ['issues', 'users', 'projects'] },
  {
    key: 'google-sheets',
    name: 'Google Sheets',
    authType: 'oauth2',
    collections: ['rows', 'sheets'],
  },
];

export const EXTRA_APPS: readonly AppTemplate[] = [
  { key: 'trello', name: 'Trello', authType: 'oauth1', collections: ['tasks', 'boards'] },
  { key: 'stripe', name: 'Stripe', authType: 'proxy', collections: ['invoices', 'customers'] },
  {
    key: 'membrane-demo-app',
    name: 'Membrane Demo App',
    authType: 'membrane-token',
    collections: ['users', 'events'],
  },
  {
    key: 'acme-internal-api',
    name: 'Acme Internal API',
    authType: 'integration-app-token',
    collections: ['users', 'tasks'],
  },
  { key: 'intercom', name: 'Intercom', authType: 'oauth2', collections: ['contacts', 'messages'] },
  {
    key: 'netsuite',
    name: 'NetSuite',
    authType: 'client-credentials',
    collections: ['invoices', 'customers'],
  },
  { key: 'notion', name: 'Notion', authType: 'oauth2', collections: ['pages', 'tasks'] },
  { key: 'asana', name: 'Asana', authType: 'oauth2', collections: ['tasks', 'projects'] },
  { key: 'xero', name: 'Xero', authType: 'oauth2', collections: ['invoices', 'contacts'] },
  { key: 'freshdesk', name: 'Freshdesk', authType: 'proxy', collections: ['tickets', 'contacts'] },
  {
    key: 'mailchimp',
    name: 'Mailchimp',
    authType: 'oauth2',
    collections: ['contacts', 'campaigns'],
  },
  { key: 'x-twitter', name: 'X (Twitter)', authType: 'oauth1', collections: ['messages', 'users'] },
  { key: 'monday', name: 'monday.com', authType: 'oauth2', collections: ['tasks', 'boards'] },
  {
    key: 'zoho-crm',
    name: 'Zoho CRM',
    authType: 'oauth2',
    collections: ['contacts', 'leads', 'deals'],
  },
];

/** Suffixes for apps used more than once at large scale (a second HubSpot portal …). */
export const APP_VARIANTS: readonly string[] = ['EU', 'Sandbox', 'Staging', 'US', 'APAC', 'Legacy'];

export const COMPANY_NAMES: readonly string[] = [
  'Acme Corp',
  'Globex',
  'Initech',
  'Umbrella Health',
  'Hooli',
  'Stark Industries',
  'Wayne Logistics',
  'Wonka Foods',
  'Cyberdyne Systems',
  'Soylent Labs',
  'Tyrell Robotics',
  'Vandelay Imports',
  'Pied Piper',
  'Dunder Mifflin',
  'Gringotts Finance',
  'Oscorp',
  'Massive Dynamic',
  'Aperture Science',
  'Blue Sun',
  'Monarch Solutions',
  'Nakatomi Trading',
  'Wernham Hogg',
  'Bluth Company',
  'Sterling Cooper',
  'Prestige Worldwide',
  'Virtucon',
  'Spacely Sprockets',
  'Cogswell Cogs',
  'Planet Express',
  'Bubba Gump',
  'Krusty Krab',
  'Los Pollos Hermanos',
  'Paper Street Soap',
  'Ollivanders',
  'Duff Brewing',
  'Gekko & Co',
  'Rekall',
  'Weyland Yutani',
  'Octan',
  'InGen',
];

export const PLANS: readonly string[] = ['free', 'starter', 'growth', 'enterprise'];
export const REGIONS: readonly string[] = ['us-east', 'us-west', 'eu-central', 'ap-southeast'];
export const CONNECTION_LABELS: readonly string[] = [
  'Sales team',
  'Support',
  'Marketing',
  'Finance',
];

/** The `index`-th distinct label built from `base` (0 → base itself). */
export function variantLabel(base: string, variants: readonly string[], index: number): string {
  if (index === 0) {
    return base;
  }
  const variant = variants[(index - 1) % variants.length] ?? 'x';
  const round = Math.floor((index - 1) / variants.length);
  return round === 0 ? `${base} ${variant}` : `${base} ${variant} ${round + 1}`;
}

/** `variantLabel` as a kebab-case key. */
export function variantKey(base: string, variants: readonly string[], index: number): string {
  return variantLabel(base, variants, index)
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-');
}
