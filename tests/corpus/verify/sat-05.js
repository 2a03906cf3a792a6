// sat-05.md: the non-saturating loss, correct. Independent check of every labelled step (see lib.js); labels written by hand.
'use strict';
module.exports = {
  answer: "sat-05.md",
  style: "the non-saturating loss, correct",
  lines: {
    "3L": (I) => I.dth((th) => -I.Ez((z) => Math.log(I.D(I.G(z, th))))),
    "3": (I) => I.dth((th) => -I.Ez((z) => Math.log(I.D(I.G(z, th))))),
    "5": (I) => -I.Ez((z) => (1 - I.D(I.G(z))) * I.dhG(z)),
  },
  steps: [["3L", "3", "="], ["3", "5", "="]],
  labels: {"3": "ok", "5": "ok"},
};
