/**
 * Block Kit limits of an incoming-webhook message (docs.slack.dev/reference/block-kit/blocks), as Slack enforces
 * them: at most 50 blocks; header `plain_text` ≤ 150; section `text` ≤ 3000 and `fields` ≤ 10 × 2000; context ≤ 10
 * elements; `block_id` ≤ 255 and unique; and the undocumented total (`msg_blocks_too_long`, about 13k characters of
 * block text, slackapi/bolt-js#2509).
 */
export const slackReceiverLimits = {
  blocks: 50,
  headerText: 150,
  sectionText: 3000,
  fields: 10,
  fieldText: 2000,
  contextElements: 10,
  blockId: 255,
  totalBlockText: 13_000,
} as const;

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** What is wrong with a Slack webhook message; empty when Slack would take it. */
export function validateSlackMessage(message: unknown): string[] {
  const problems: string[] = [];
  if (!isObject(message)) return ['the body is not a JSON object'];
  const { text, blocks } = message;
  if (text !== undefined && typeof text !== 'string') problems.push('text must be a string');
  if (blocks === undefined) {
    if (typeof text !== 'string' || text.trim() === '') problems.push('no text and no blocks');
    return problems;
  }
  if (!Array.isArray(blocks)) return [...problems, 'blocks must be an array'];
  if (typeof text !== 'string' || text.trim() === '') {
    problems.push('no top-level text: the notification fallback is missing');
  }
  if (blocks.length > slackReceiverLimits.blocks) {
    problems.push(`${blocks.length} blocks: at most ${slackReceiverLimits.blocks}`);
  }
  const ids = new Set<string>();
  let total = 0;
  blocks.forEach((block, index) => {
    const where = `blocks[${index}]`;
    if (!isObject(block)) {
      problems.push(`${where} is not an object`);
      return;
    }
    if (block.block_id !== undefined) {
      if (typeof block.block_id !== 'string' || block.block_id.length > slackReceiverLimits.blockId) {
        problems.push(
          `${where}.block_id must be a string of at most ${slackReceiverLimits.blockId} characters`,
        );
      } else if (ids.has(block.block_id))
        problems.push(`${where}.block_id '${block.block_id}' is not unique`);
      else ids.add(block.block_id);
    }
    switch (block.type) {
      case 'header':
        total += checkText(block.text, `${where}.text`, slackReceiverLimits.headerText, problems, [
          'plain_text',
        ]);
        break;
      case 'section': {
        if (block.text === undefined && block.fields === undefined) {
          problems.push(`${where}: a section needs text or fields`);
        }
        if (block.text !== undefined) {
          total += checkText(block.text, `${where}.text`, slackReceiverLimits.sectionText, problems);
        }
        if (block.fields !== undefined) {
          if (!Array.isArray(block.fields) || block.fields.length === 0) {
            problems.push(`${where}.fields must be a non-empty array`);
          } else {
            if (block.fields.length > slackReceiverLimits.fields) {
              problems.push(
                `${where}.fields: ${block.fields.length} fields, at most ${slackReceiverLimits.fields}`,
              );
            }
            block.fields.forEach((field, fieldIndex) => {
              total += checkText(
                field,
                `${where}.fields[${fieldIndex}]`,
                slackReceiverLimits.fieldText,
                problems,
              );
            });
          }
        }
        break;
      }
      case 'context': {
        const elements = block.elements;
        if (!Array.isArray(elements) || elements.length === 0) {
          problems.push(`${where}.elements must be a non-empty array`);
          break;
        }
        if (elements.length > slackReceiverLimits.contextElements) {
          problems.push(
            `${where}.elements: ${elements.length}, at most ${slackReceiverLimits.contextElements}`,
          );
        }
        elements.forEach((element, elementIndex) => {
          if (isObject(element) && element.type === 'image') return;
          total += checkText(
            element,
            `${where}.elements[${elementIndex}]`,
            slackReceiverLimits.sectionText,
            problems,
          );
        });
        break;
      }
      case 'divider':
        break;
      default:
        problems.push(`${where}.type '${String(block.type)}' is not a block type this receiver knows`);
    }
  });
  if (total > slackReceiverLimits.totalBlockText) {
    problems.push(`msg_blocks_too_long: ${total} characters of block text, Slack takes about 13000`);
  }
  return problems;
}

function checkText(
  value: unknown,
  where: string,
  max: number,
  problems: string[],
  types: readonly string[] = ['plain_text', 'mrkdwn'],
): number {
  if (!isObject(value) || typeof value.text !== 'string' || !types.includes(String(value.type))) {
    problems.push(`${where} must be a text object of type ${types.join(' or ')}`);
    return 0;
  }
  if (value.text.length === 0) problems.push(`${where}.text is empty`);
  if (value.text.length > max)
    problems.push(`${where}.text: ${value.text.length} characters, at most ${max}`);
  if (value.type === 'mrkdwn' && /<(?![@#!]|https?:|mailto:)/.test(value.text)) {
    problems.push(`${where}.text has an unescaped '<'`);
  }
  return value.text.length;
}
