/** What Teams webhooks take: a message of at most ~28 KB; Adaptive Cards up to version 1.5; MessageCards ≤ 10 sections. */
export const teamsReceiverLimits = {
  payloadBytes: 28_000,
  adaptiveCardVersion: 1.5,
  messageCardSections: 10,
} as const;

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const elementTypes = new Set([
  'TextBlock',
  'Container',
  'FactSet',
  'ColumnSet',
  'Column',
  'Image',
  'ActionSet',
]);

/**
 * What is wrong with a Teams webhook message: a Workflows message (`type: message` with an Adaptive Card attachment)
 * or a legacy connector MessageCard. Empty when Teams would take it.
 */
export function validateTeamsMessage(message: unknown, rawBytes?: number): string[] {
  if (!isObject(message)) return ['the body is not a JSON object'];
  const problems: string[] = [];
  const bytes = rawBytes ?? Buffer.byteLength(JSON.stringify(message));
  if (bytes > teamsReceiverLimits.payloadBytes) {
    problems.push(`the message is ${bytes} bytes, Teams takes at most ${teamsReceiverLimits.payloadBytes}`);
  }
  if (message['@type'] === 'MessageCard') return [...problems, ...validateMessageCard(message)];
  if (message.type !== 'message') return [...problems, "expected type 'message' (or a MessageCard)"];
  const attachments = message.attachments;
  if (!Array.isArray(attachments) || attachments.length === 0) {
    return [...problems, 'attachments must be a non-empty array'];
  }
  attachments.forEach((attachment, index) => {
    const where = `attachments[${index}]`;
    if (!isObject(attachment) || attachment.contentType !== 'application/vnd.microsoft.card.adaptive') {
      problems.push(`${where}.contentType must be application/vnd.microsoft.card.adaptive`);
      return;
    }
    const card = attachment.content;
    if (!isObject(card) || card.type !== 'AdaptiveCard') {
      problems.push(`${where}.content must be an AdaptiveCard`);
      return;
    }
    const version = typeof card.version === 'string' ? Number(card.version) : Number.NaN;
    if (!/^1\.\d$/.test(String(card.version)) || version > teamsReceiverLimits.adaptiveCardVersion) {
      problems.push(`${where}.content.version must be 1.0 to ${teamsReceiverLimits.adaptiveCardVersion}`);
    }
    if (!Array.isArray(card.body) || card.body.length === 0)
      problems.push(`${where}.content.body must be a non-empty array`);
    else
      card.body.forEach((element, elementIndex) => {
        checkElement(element, `${where}.content.body[${elementIndex}]`, problems);
      });
    if (card.actions !== undefined) {
      if (!Array.isArray(card.actions)) problems.push(`${where}.content.actions must be an array`);
      else
        card.actions.forEach((action, actionIndex) => {
          if (!isObject(action) || action.type !== 'Action.OpenUrl' || !isHttpUrl(action.url)) {
            problems.push(
              `${where}.content.actions[${actionIndex}] must be an Action.OpenUrl with an http(s) url`,
            );
          }
        });
    }
  });
  return problems;
}

function checkElement(element: unknown, where: string, problems: string[]): void {
  if (!isObject(element) || typeof element.type !== 'string' || !elementTypes.has(element.type)) {
    problems.push(`${where} is not a known Adaptive Card element`);
    return;
  }
  if (element.type === 'TextBlock' && (typeof element.text !== 'string' || element.text === '')) {
    problems.push(`${where}.text must be a non-empty string`);
  }
  if (element.type === 'FactSet') {
    if (!Array.isArray(element.facts) || element.facts.length === 0)
      problems.push(`${where}.facts must be a non-empty array`);
    else
      element.facts.forEach((fact, index) => {
        if (!isObject(fact) || typeof fact.title !== 'string' || typeof fact.value !== 'string') {
          problems.push(`${where}.facts[${index}] needs a title and a value`);
        }
      });
  }
  if (element.type === 'Container') {
    if (!Array.isArray(element.items) || element.items.length === 0)
      problems.push(`${where}.items must be a non-empty array`);
    else
      element.items.forEach((item, index) => {
        checkElement(item, `${where}.items[${index}]`, problems);
      });
  }
}

function validateMessageCard(card: Json): string[] {
  const problems: string[] = [];
  if (typeof card['@context'] !== 'string') problems.push("a MessageCard needs '@context'");
  if (typeof card.summary !== 'string' && typeof card.text !== 'string') {
    problems.push('a MessageCard needs a summary or a text');
  }
  if (card.sections !== undefined) {
    if (!Array.isArray(card.sections)) problems.push('sections must be an array');
    else {
      if (card.sections.length > teamsReceiverLimits.messageCardSections) {
        problems.push(`${card.sections.length} sections, at most ${teamsReceiverLimits.messageCardSections}`);
      }
      card.sections.forEach((section, index) => {
        if (!isObject(section)) {
          problems.push(`sections[${index}] is not an object`);
          return;
        }
        if (section.facts !== undefined) {
          if (!Array.isArray(section.facts)) problems.push(`sections[${index}].facts must be an array`);
          else
            section.facts.forEach((fact, factIndex) => {
              if (!isObject(fact) || typeof fact.name !== 'string' || typeof fact.value !== 'string') {
                problems.push(`sections[${index}].facts[${factIndex}] needs a name and a value`);
              }
            });
        }
      });
    }
  }
  if (card.potentialAction !== undefined) {
    if (!Array.isArray(card.potentialAction)) problems.push('potentialAction must be an array');
    else
      card.potentialAction.forEach((action, index) => {
        const targets = isObject(action) ? action.targets : undefined;
        if (
          !isObject(action) ||
          action['@type'] !== 'OpenUri' ||
          !Array.isArray(targets) ||
          !targets.every((target) => isObject(target) && isHttpUrl(target.uri))
        ) {
          problems.push(`potentialAction[${index}] must be an OpenUri with http(s) targets`);
        }
      });
  }
  return problems;
}

function isHttpUrl(value: unknown): boolean {
  return typeof value === 'string' && URL.canParse(value) && /^https?:$/.test(new URL(value).protocol);
}
