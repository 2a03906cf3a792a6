// disc-07.md: d/dt written out (notation being added), then solved. Independent check of every labelled step (see lib.js); labels written by hand.
'use strict';
module.exports = {
  answer: "disc-07.md",
  style: "d/dt written out (notation being added), then solved",
  lines: {
    "3L": (I) => -I.pd(I.x) / I.t + I.pt(I.x) / (1 - I.t),
    "3": (I) => -I.pd(I.x) / I.t + I.pt(I.x) / (1 - I.t),
  },
  steps: [["3L", "3", "="]],
  labels: {"3": "ok"},
};
