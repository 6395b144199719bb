/** Flow templates of the seed: what a SaaS product typically automates in the apps it connects. */

/** Shape of a flow: its chain of node types, first one the trigger. */
export type FlowPattern = readonly string[];

export interface FlowTemplate {
  key: string;
  name: string;
  description: string;
  /** Preferred collection; an app without it uses its own first collection. */
  collection: string;
  pattern: FlowPattern;
}

const PUSH = ['data-record-created-trigger', 'transform-data', 'api-request-to-your-app'];
const PULL = ['schedule-trigger', 'list-data-records', 'for-each-v2', 'api-request-to-your-app'];
const CREATE = ['api-trigger', 'create-data-record'];
const UPSERT = ['api-trigger', 'find-or-create-data-record', 'update-data-record'];
const NOTIFY = ['app-event-trigger', 'filter', 'run-action'];

export const FLOW_TEMPLATES: readonly FlowTemplate[] = [
  {
    key: 'sync-contacts',
    name: 'Sync Contacts',
    description: 'Keeps contacts in the app and in your product in sync.',
    collection: 'contacts',
    pattern: PUSH,
  },
  {
    key: 'import-companies',
    name: 'Import Companies',
    description: 'Imports companies every hour.',
    collection: 'companies',
    pattern: PULL,
  },
  {
    key: 'push-deals',
    name: 'Push Deals',
    description: 'Creates or updates a deal when one closes in your product.',
    collection: 'deals',
    pattern: UPSERT,
  },
  {
    key: 'create-ticket',
    name: 'Create Ticket',
    description: 'Opens a support ticket from your product.',
    collection: 'tickets',
    pattern: CREATE,
  },
  {
    key: 'send-message',
    name: 'Send Message',
    description: 'Posts a message on behalf of the user.',
    collection: 'messages',
    pattern: ['api-trigger', 'run-action'],
  },
  {
    key: 'new-issue-alert',
    name: 'New Issue Alert',
    description: 'Notifies your product when an issue is created.',
    collection: 'issues',
    pattern: ['data-record-created-trigger', 'filter', 'api-request-to-your-app'],
  },
  {
    key: 'export-invoices',
    name: 'Export Invoices',
    description: 'Sends invoices from your product to the accounting app.',
    collection: 'invoices',
    pattern: CREATE,
  },
  {
    key: 'update-contact',
    name: 'Update Contact',
    description: 'Updates a contact found by email.',
    collection: 'contacts',
    pattern: ['api-trigger', 'lookup-data-record', 'update-data-record'],
  },
  {
    key: 'delete-contact',
    name: 'Delete Contact',
    description: 'Deletes a contact removed in your product.',
    collection: 'contacts',
    pattern: ['api-trigger', 'find-data-record-by-id', 'delete-data-record'],
  },
  {
    key: 'sync-users',
    name: 'Sync Users',
    description: 'Pulls the user directory nightly.',
    collection: 'users',
    pattern: PULL,
  },
  {
    key: 'lead-capture',
    name: 'Lead Capture',
    description: 'Creates a lead for every signup.',
    collection: 'leads',
    pattern: ['app-event-trigger', 'create-data-record'],
  },
  {
    key: 'append-sheet-row',
    name: 'Append Row',
    description: 'Appends one row per event.',
    collection: 'rows',
    pattern: CREATE,
  },
  {
    key: 'sync-tasks',
    name: 'Sync Tasks',
    description: 'Mirrors tasks both ways.',
    collection: 'tasks',
    pattern: PUSH,
  },
  {
    key: 'ticket-updates',
    name: 'Ticket Updates',
    description: 'Forwards ticket status changes.',
    collection: 'tickets',
    pattern: ['data-record-updated-trigger', 'api-request-to-your-app'],
  },
  {
    key: 'search-records',
    name: 'Search Records',
    description: 'Searches records for the in-app picker.',
    collection: 'contacts',
    pattern: ['api-trigger', 'search-data-records'],
  },
  {
    key: 'webhook-relay',
    name: 'Webhook Relay',
    description: 'Relays connector events to your webhook.',
    collection: 'events',
    pattern: ['connector-event-trigger', 'run-javascript', 'api-request-to-your-app'],
  },
  {
    key: 'nightly-backup',
    name: 'Nightly Backup',
    description: 'Copies all records to your storage every night.',
    collection: 'deals',
    pattern: ['schedule-trigger', 'list-data-records', 'run-javascript'],
  },
  {
    key: 'enrich-company',
    name: 'Enrich Company',
    description: 'Adds firmographic data to a company.',
    collection: 'companies',
    pattern: ['api-trigger', 'find-data-record-by-id', 'transform-data', 'custom-http-request'],
  },
  {
    key: 'close-deal',
    name: 'Close Deal',
    description: 'Marks a deal as won.',
    collection: 'deals',
    pattern: ['api-trigger', 'update-data-record'],
  },
  {
    key: 'notify-channel',
    name: 'Notify Channel',
    description: 'Posts important events to a channel.',
    collection: 'messages',
    pattern: NOTIFY,
  },
  {
    key: 'remove-deleted-records',
    name: 'Remove Deleted Records',
    description: 'Deletes records removed in the app.',
    collection: 'contacts',
    pattern: ['data-record-deleted-trigger', 'api-request-to-your-app'],
  },
  {
    key: 'link-accounts',
    name: 'Link Accounts',
    description: 'Links app records to your accounts.',
    collection: 'companies',
    pattern: ['api-trigger', 'find-data-link', 'create-data-link'],
  },
];

/** Suffixes for flow names used more than once at large scale ("Sync Contacts Daily"). */
export const FLOW_VARIANTS: readonly string[] = ['Daily', 'Realtime', 'Bulk', 'Legacy', 'V2', 'EU'];
