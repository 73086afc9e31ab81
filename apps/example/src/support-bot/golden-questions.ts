/** One question of the golden set the support bot is evaluated on, with the topic it tests. */
export interface GoldenQuestion {
  id: string;
  category: 'account' | 'billing' | 'shipping' | 'product' | 'technical';
  question: string;
}

/** The golden set: 40 questions real customers asked, across the bot's five topics. */
export const goldenQuestions: readonly GoldenQuestion[] = [
  ['account', 'How do I reset my password? The link in the email has expired.'],
  ['account', 'How do I add a second admin to our workspace?'],
  ['account', 'Can I change the email address on my account?'],
  ['account', 'How do I turn on two-factor authentication?'],
  ['account', 'I was locked out after too many attempts. What now?'],
  ['account', 'How do I delete my account and all my data?'],
  ['account', 'Can two people share one login?'],
  ['account', 'Where do I find my customer ID?'],
  ['billing', 'My invoice for November shows a charge twice. Can you refund one of them?'],
  ['billing', 'How do I switch from monthly to yearly billing?'],
  ['billing', 'Do you offer discounts for non-profits?'],
  ['billing', 'Why did my card get declined when the balance is fine?'],
  ['billing', 'Can I get a refund for the unused part of my plan?'],
  ['billing', 'Where can I download past invoices as PDF?'],
  ['billing', 'How do I add our VAT number to invoices?'],
  ['billing', 'What happens if a payment fails at renewal?'],
  ['shipping', 'Why was my order delayed and when will it arrive?'],
  ['shipping', 'Can I change the delivery address after ordering?'],
  ['shipping', 'Do you ship to Norway, and how long does it take?'],
  ['shipping', 'My parcel shows delivered but I have not received it.'],
  ['shipping', 'How do I return a damaged item?'],
  ['shipping', 'Can I pick up my order in a store instead?'],
  ['shipping', 'Is express shipping available on weekends?'],
  ['shipping', 'How much does international shipping cost?'],
  ['product', 'Can I export my data to CSV before I cancel my subscription?'],
  ['product', 'What is the difference between the Team and Business plans?'],
  ['product', 'Is there an API to create tickets from our own app?'],
  ['product', 'Does the product work offline?'],
  ['product', 'How many projects can I create on the free plan?'],
  ['product', 'Can I white-label the customer portal?'],
  ['product', 'Which languages does the interface support?'],
  ['product', 'Is there a limit on file upload size?'],
  ['technical', 'The mobile app crashes when I open the settings page on Android 15.'],
  ['technical', 'Single sign-on with Okta fails with an invalid audience error.'],
  ['technical', 'Webhooks stopped arriving at our endpoint yesterday.'],
  ['technical', 'The dashboard is very slow for accounts with many projects.'],
  ['technical', 'API requests return 429 Too Many Requests. What are the limits?'],
  ['technical', 'How do I rotate the API key without downtime?'],
  ['technical', 'Emails from you land in our spam folder.'],
  ['technical', 'The CSV import rejects dates in the format 26/11/2026.'],
].map(([category, question], index) => ({
  id: `golden-${String(index + 1).padStart(2, '0')}`,
  category: category as GoldenQuestion['category'],
  question: question!,
}));
