export {
  type ChannelFault,
  type ChannelFixture,
  expectNoSecret,
  type ReceivedMessage,
  testChannel,
} from './test-channel.js';
