/** Discord's execute-webhook limits (discord.com/developers/docs/resources/message#embed-object-embed-limits). */
export const discordReceiverLimits = {
  content: 2000,
  embeds: 10,
  title: 256,
  description: 4096,
  fields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footer: 2048,
  author: 256,
  totalEmbedText: 6000,
} as const;

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** What is wrong with a Discord webhook message; empty when Discord would take it. */
export function validateDiscordMessage(message: unknown): string[] {
  if (!isObject(message)) return ['the body is not a JSON object'];
  const problems: string[] = [];
  const limit = (value: unknown, where: string, max: number, required = false) => {
    if (value === undefined) {
      if (required) problems.push(`${where} is required`);
      return 0;
    }
    if (typeof value !== 'string') {
      problems.push(`${where} must be a string`);
      return 0;
    }
    if (required && value.trim() === '') problems.push(`${where} must not be empty`);
    if (value.length > max) problems.push(`${where}: BASE_TYPE_MAX_LENGTH (${value.length} > ${max})`);
    return value.length;
  };
  limit(message.content, 'content', discordReceiverLimits.content);
  limit(message.username, 'username', 80);
  const embeds = message.embeds;
  const hasContent = typeof message.content === 'string' && message.content.trim() !== '';
  if (embeds !== undefined && !Array.isArray(embeds)) problems.push('embeds must be an array');
  const list = Array.isArray(embeds) ? embeds : [];
  if (!hasContent && list.length === 0) problems.push('Cannot send an empty message (50006)');
  if (list.length > discordReceiverLimits.embeds) {
    problems.push(`embeds: ${list.length}, at most ${discordReceiverLimits.embeds}`);
  }
  let total = 0;
  list.forEach((embed, index) => {
    const where = `embeds[${index}]`;
    if (!isObject(embed)) {
      problems.push(`${where} is not an object`);
      return;
    }
    total += limit(embed.title, `${where}.title`, discordReceiverLimits.title);
    total += limit(embed.description, `${where}.description`, discordReceiverLimits.description);
    if (embed.url !== undefined && (typeof embed.url !== 'string' || !/^https?:\/\//.test(embed.url))) {
      problems.push(`${where}.url must be an http(s) URL`);
    }
    if (
      embed.color !== undefined &&
      (typeof embed.color !== 'number' ||
        !Number.isInteger(embed.color) ||
        embed.color < 0 ||
        embed.color > 0xffffff)
    ) {
      problems.push(`${where}.color must be an integer 0..0xFFFFFF`);
    }
    if (embed.timestamp !== undefined && Number.isNaN(Date.parse(String(embed.timestamp)))) {
      problems.push(`${where}.timestamp must be ISO 8601`);
    }
    if (embed.footer !== undefined) {
      if (!isObject(embed.footer)) problems.push(`${where}.footer must be an object`);
      else total += limit(embed.footer.text, `${where}.footer.text`, discordReceiverLimits.footer, true);
    }
    if (embed.author !== undefined) {
      if (!isObject(embed.author)) problems.push(`${where}.author must be an object`);
      else total += limit(embed.author.name, `${where}.author.name`, discordReceiverLimits.author, true);
    }
    if (embed.fields !== undefined) {
      if (!Array.isArray(embed.fields)) problems.push(`${where}.fields must be an array`);
      else {
        if (embed.fields.length > discordReceiverLimits.fields) {
          problems.push(`${where}.fields: ${embed.fields.length}, at most ${discordReceiverLimits.fields}`);
        }
        embed.fields.forEach((field, fieldIndex) => {
          if (!isObject(field)) {
            problems.push(`${where}.fields[${fieldIndex}] is not an object`);
            return;
          }
          total += limit(
            field.name,
            `${where}.fields[${fieldIndex}].name`,
            discordReceiverLimits.fieldName,
            true,
          );
          total += limit(
            field.value,
            `${where}.fields[${fieldIndex}].value`,
            discordReceiverLimits.fieldValue,
            true,
          );
        });
      }
    }
  });
  if (total > discordReceiverLimits.totalEmbedText) {
    problems.push(`embeds: ${total} characters in all, at most ${discordReceiverLimits.totalEmbedText}`);
  }
  return problems;
}
