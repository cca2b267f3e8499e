// Starting points for the spec editor; each is a spec the service accepts as written.

export const templates = {
  'xor-tanh': {
    label: 'XOR, small tanh network',
    spec: {
      name: 'xor-tanh',
      dataset: { kind: 'xor', samples: 200, noise: 0.0, seed: 1 },
      model: { inputShape: [2], layers: [{ kind: 'linear', units: 4, activation: 'tanh' }, { kind: 'linear', units: 1, activation: 'sigmoid' }] },
      loss: { kind: 'bce' },
      optimizer: { kind: 'adam', lr: 0.05 },
      training: { epochs: 200, batchSize: 32, seed: 7, validationSplit: 0.2 },
      diagnostics: { every: 10, unit: 'steps' },
    },
  },
  'deep-sigmoid': {
    label: 'Deep sigmoid network (vanishing gradients)',
    spec: {
      name: 'deep-sigmoid',
      dataset: { kind: 'xor', samples: 64, noise: 0.1, seed: 1 },
      model: { inputShape: [2], layers: [...Array.from({ length: 10 }, () => ({ kind: 'linear', units: 8, activation: 'sigmoid' })), { kind: 'linear', units: 1, activation: 'sigmoid' }] },
      loss: { kind: 'bce' },
      optimizer: { kind: 'sgd', lr: 2.0 },
      training: { epochs: 60, batchSize: 16, seed: 3 },
      diagnostics: { every: 4, unit: 'steps' },
    },
  },
  'digits-cnn': {
    label: 'Digits, small convolutional network',
    spec: {
      name: 'digits-cnn',
      dataset: { kind: 'digits', images: true },
      model: { inputShape: [1, 8, 8], layers: [
        { kind: 'conv2d', filters: 8, kernel: 3, padding: 1, activation: 'relu' },
        { kind: 'maxpool2d' }, { kind: 'flatten' }, { kind: 'linear', units: 10 }] },
      loss: { kind: 'cross_entropy' },
      optimizer: { kind: 'adam', lr: 0.01 },
      training: { epochs: 6, batchSize: 64, seed: 1, validationSplit: 0.2 },
      diagnostics: { every: 5, unit: 'steps' },
    },
  },
};
