// disc-04.md: notation drift (D for the discriminator, P, ln), a sign lost. Independent check of every labelled step (see lib.js); labels written by hand.
'use strict';
module.exports = {
  answer: "disc-04.md",
  style: "notation drift (D for the discriminator, P, ln), a sign lost",
  lines: {
    "3L": (I) => -I.Ed(x => Math.log(I.D(x))) - I.Et(x => Math.log(1 - I.D(x))),
    "3": (I) => -I.Ed(x => Math.log(I.D(x))) - I.Et(x => Math.log(1 - I.D(x))),
    "5": (I) => I.int(x => I.pd(x) * Math.log(I.D(x)) + I.pt(x) * Math.log(1 - I.D(x))),
  },
  steps: [["3L", "3", "="], ["3", "5", "="]],
  labels: {"3": "ok", "5": "wrong"},
};
