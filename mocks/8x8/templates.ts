import type { JsonObject } from '../../src/core/json.ts';
import type { SeededFaker } from '../../src/generation/seeded-faker.ts';

// Generated definitions follow the use cases of 8x8's "Getting started with Automation API" (auto reply, out of
// office, split messages, custom integration, content based rule, ...), built only from the eight documented step
// types with their required inputs (automation_api.json components/schemas/*Step), and scripted with `{{...}}`
// expressions and the documented helper functions as the documents' examples are. WaitForReply and WaitForDTMF are
// left out: their schemas require `outputs.reply` / `outputs.dtmfData` objects, which a definition's outputs (context
// name -> expression) never hold (see PROVENANCE.md).

export type Trigger = 'inbound_sms' | 'inbound_chat_apps' | 'http_request';

export interface Template {
  readonly name: string;
  readonly trigger: Trigger;
  readonly steps: (f: SeededFaker, subAccountId: string) => JsonObject[];
}

const MSISDN = '{{data.payload.user.msisdn}}';

const sms = (id: string, subAccountId: string, destination: string, text: string, next?: string): JsonObject => ({
  id,
  stepType: 'SMS',
  inputs: { subAccountId, destination, text },
  ...(next ? { nextStepId: next } : {}),
});

const chatApps = (id: string, subAccountId: string, text: string, next?: string): JsonObject => ({
  id,
  stepType: 'ChatAppsMessage',
  inputs: { subAccountId, user: { msisdn: MSISDN }, type: 'text', content: { text } },
  ...(next ? { nextStepId: next } : {}),
});

const http = (f: SeededFaker, id: string, path: string, body: JsonObject, next?: string): JsonObject => ({
  id,
  stepType: 'HttpRequest',
  inputs: {
    url: `https://${f.internet.domainName()}${path}`,
    method: 'POST',
    headers: { Authorization: `Bearer ${f.string.alphanumeric(24)}` },
    body,
    timeoutSeconds: f.helpers.arrayElement([5, 10, 30]),
  },
  outputs: { [`${id}_status`]: '{{step.responseCode}}' },
  ...(next ? { nextStepId: next } : {}),
});

const wait = (id: string, duration: string, next?: string): JsonObject => ({
  id,
  stepType: 'Wait',
  inputs: { duration },
  ...(next ? { nextStepId: next } : {}),
});

const branch = (id: string, selectNextStep: JsonObject): JsonObject => ({ id, stepType: 'Branch', selectNextStep });

const inbound = { from: MSISDN, text: '{{data.payload.content.text}}', receivedAt: '{{data.triggeredAt}}' };

export const TEMPLATES: readonly Template[] = [
  {
    name: 'Auto reply ChatApps',
    trigger: 'inbound_chat_apps',
    steps: (f, sub) => [
      chatApps(
        'send_reply',
        sub,
        f.helpers.arrayElement([
          'Hello, thank you for your message, we will get back to you as soon as possible.',
          'Thanks for reaching out! An agent will reply within the hour.',
        ]),
      ),
    ],
  },
  {
    name: 'Out of office',
    trigger: 'inbound_sms',
    steps: (f, sub) => {
      const zone = f.helpers.arrayElement(['Singapore Standard Time', 'W. Europe Standard Time', 'GMT Standard Time', 'Eastern Standard Time']);
      return [
        branch('check_hours', { office_closed: `{{!IsTimeOfDayBetween(data.triggeredAt, '09:00', '18:00', '${zone}')}}` }),
        sms('office_closed', sub, MSISDN, 'Our office is closed. We are open 9:00-18:00 and will reply when we are back.'),
      ];
    },
  },
  {
    name: 'Split messages by country',
    trigger: 'inbound_sms',
    steps: (f, sub) => [
      branch('route', { crm_us: "{{isCountryCode(data.payload.user.msisdn, 'US')}}", crm_other: null }),
      http(f, 'crm_us', '/api/leads', { subAccountId: sub, ...inbound }),
      http(f, 'crm_other', '/webhooks/inbound-sms', inbound),
    ],
  },
  {
    name: 'Custom integration: new orders',
    trigger: 'http_request',
    steps: (f, sub) => [
      http(f, 'push_order', '/orders', { customer: '{{data.customer_id}}', event: '{{data.event}}' }, 'confirm'),
      sms('confirm', sub, '{{data.user.contact}}', 'Thanks for your order! We will text you when it ships.'),
    ],
  },
  {
    name: 'Campaign enrolment',
    trigger: 'inbound_chat_apps',
    steps: (f, sub) => [
      branch('check_keyword', { enrol: "{{data.payload.content.text.trim().toUpperCase() == 'JOIN'}}" }),
      chatApps('enrol', sub, 'You are enrolled! Reply STOP at any time to leave.', 'register'),
      http(f, 'register', '/campaigns/enrolments', { msisdn: MSISDN, enrolledAt: '{{data.triggeredAt}}' }),
    ],
  },
  {
    name: 'Follow-up after a delay',
    trigger: 'inbound_sms',
    steps: (f, sub) => [
      sms('acknowledge', sub, MSISDN, 'Thanks, we received your message.', 'pause'),
      wait('pause', f.helpers.arrayElement(['00:02:00', '00:30:00', '02:00:00', '1.00:00:00']), 'survey'),
      sms('survey', sub, MSISDN, 'How did we do? Reply with a score from 1 to 5.'),
    ],
  },
  {
    name: 'Weekend voice alert',
    trigger: 'http_request',
    steps: (f, sub) => [
      branch('check_day', { call: "{{isDayOfWeek(data.triggeredAt, 'Saturday') || isDayOfWeek(data.triggeredAt, 'Sunday')}}", text: null }),
      {
        id: 'call',
        stepType: 'VoiceMessage',
        inputs: {
          subAccountId: sub,
          action: 'say',
          clientRequestId: '{{uuid()}}',
          params: {
            source: f.string.numeric({ length: 10, allowLeadingZeros: false }),
            destination: '{{data.user.contact}}',
            text: 'This is an automated alert: {{data.event}}.',
            repetition: 2,
            voiceProfile: 'en-US-ZiraRUS',
            speed: 1,
          },
        },
      },
      sms('text', sub, '{{data.user.contact}}', 'Alert: {{data.event}}.'),
    ],
  },
];
