# The corpus answers, written by hand: see build.py for the format.
# ---------- mle-kl ----------
LMLE = r'-I.Ed(x => Math.log(I.pt(x)))'
KLdt = r'I.Ed(x => Math.log(I.pd(x) / I.pt(x)))'
answer('mle-01', 'md', 'terse: displays only, no words', [
  S(r'L_{MLE}(\theta)', LMLE, r'-\mathbb{E}_{x \sim p_{data}}[\log p_\theta(x)]', LMLE, 'ok'),
  C(r'-\mathbb{E}_{x \sim p_{data}}\left[\log \frac{p_\theta(x)}{p_{data}(x)}\right]', r'-I.Ed(x => Math.log(I.pt(x) / I.pd(x)))', 'ok', rel=r'\doteq_\theta', reljs='doteq'),
  C(r'\mathbb{E}_{x \sim p_{data}}\left[\log \frac{p_{data}(x)}{p_\theta(x)}\right]', KLdt, 'ok'),
  C(r'KL(p_{data} \| p_\theta)', KLdt, 'ok'),
])
answer('mle-02', 'md', 'chatty prose between displays', [
  P('3(d) We want to connect maximum likelihood with a divergence. Start from the loss:'),
  S(r'L_{MLE}(\theta)', LMLE, r'-E_{x \sim p_{data}}[\log p_\theta(x)]', LMLE, 'ok'),
  P('Now I divide inside the log by the data density, which is fine since it does not depend on the parameters:'),
  C(r'-E_{x \sim p_{data}}\left[\log \frac{p_\theta(x)}{p_{data}(x)}\right]', r'-I.Ed(x => Math.log(I.pt(x) / I.pd(x)))', 'wrong'),
  P('and flipping the fraction gives the divergence:'),
  C(r'KL(p_{data} \| p_\theta)', KLdt, 'ok'),
])
answer('mle-03', 'tex', 'LaTeX, integrals instead of expectations', [
  P(r'\section*{3(d)}'),
  S(r'L_{MLE}(\theta)', LMLE, r'-\int p_{data}(x) \log p_\theta(x)\, dx', r'-I.int(x => I.pd(x) * Math.log(I.pt(x)))', 'ok'),
  C(r'\int p_{data}(x) \log \frac{p_{data}(x)}{p_\theta(x)}\, dx', r'I.int(x => I.pd(x) * Math.log(I.pd(x) / I.pt(x)))', 'ok', rel=r'\doteq_\theta', reljs='doteq'),
  C(r'KL(p_{data} \| p_\theta)', KLdt, 'ok'),
])
answer('mle-04', 'md', 'notation drift: P for densities, n for x, ln, plain E', [
  P('Problem 3(d). Using n for the sample:'),
  S(r'L_{MLE}(\theta)', LMLE, r'-E_{n \sim P_{data}}[\ln P_\theta(n)]', LMLE, 'ok'),
  C(r'E_{n \sim P_{data}}[\ln P_{data}(n) - \ln P_\theta(n)]', KLdt, 'ok', rel=r'\doteq_\theta', reljs='doteq'),
  C(r'KL(P_\theta \| P_{data})', r'I.Et(x => Math.log(I.pt(x) / I.pd(x)))', 'wrong'),
])
answer('mle-05', 'md', 'skipped steps: the result in one line', [
  P('For 3(d) the whole thing is one line, since the entropy of the data does not involve theta:'),
  S(r'L_{MLE}(\theta)', LMLE, r'KL(p_{data} \| p_\theta)', KLdt, 'ok', rel=r'\doteq_\theta', reljs='doteq'),
])
answer('mle-06', 'md', 'prose, a Jensen slip', [
  P('3(d) The negative log-likelihood is'),
  S(r'L_{MLE}(\theta)', LMLE, r'-E_{x \sim p_{data}}[\log p_\theta(x)]', LMLE, 'ok'),
  P('and pulling the log outside the average,'),
  C(r'-\log E_{x \sim p_{data}}[p_\theta(x)]', r'-Math.log(I.Ed(x => I.pt(x)))', 'wrong'),
])
# ---------- optimal-discriminator ----------
pdx, ptx = 'I.pd(I.x)', 'I.pt(I.x)'
answer('disc-01', 'md', 'prose, then an equation chain', [
  P('3(a) Write the loss pointwise with $f_x(t) = -p_{data}(x)\\log t - p_\\theta(x)\\log(1-t)$. Setting its derivative to zero:'),
  E(r'-\frac{p_{data}(x)}{t} + \frac{p_\theta(x)}{1-t} = 0', f'-{pdx} / u + {ptx} / (1 - u)'),
  I(r'\frac{p_\theta(x)}{1-t} = \frac{p_{data}(x)}{t}', f'{ptx} / (1 - u) - {pdx} / u', 'ok'),
  I(r't\, p_\theta(x) = (1-t)\, p_{data}(x)', f'u * {ptx} - (1 - u) * {pdx}', 'ok'),
  I(r't = \frac{p_{data}(x)}{p_{data}(x) + p_\theta(x)}', f'u - {pdx} / ({pdx} + {ptx})', 'ok'),
], unknown=[1e-9, 1 - 1e-9])
answer('disc-02', 'md', 'prose, an algebra slip in an equation chain', [
  P('3(a) The stationary point of $f_x$ solves'),
  E(r'-\frac{p_{data}(x)}{t} + \frac{p_\theta(x)}{1-t} = 0', f'-{pdx} / u + {ptx} / (1 - u)'),
  I(r'\frac{p_\theta(x)}{1-t} = \frac{p_{data}(x)}{t}', f'{ptx} / (1 - u) - {pdx} / u', 'ok'),
  I(r't\, p_{data}(x) = (1-t)\, p_\theta(x)', f'u * {pdx} - (1 - u) * {ptx}', 'wrong'),
  I(r't = \frac{p_\theta(x)}{p_{data}(x) + p_\theta(x)}', f'u - {ptx} / ({pdx} + {ptx})', 'ok'),
], unknown=[1e-9, 1 - 1e-9])
LD = r'-I.Ed(x => Math.log(I.D(x))) - I.Et(x => Math.log(1 - I.D(x)))'
answer('disc-03', 'tex', 'LaTeX, integrals', [
  P(r'\section*{3(a)}'),
  S(r'L_D(\phi, \theta)', LD, r'-\int p_{data}(x) \log D_\phi(x)\, dx - \int p_\theta(x) \log(1 - D_\phi(x))\, dx', r'-I.int(x => I.pd(x) * Math.log(I.D(x))) - I.int(x => I.pt(x) * Math.log(1 - I.D(x)))', 'ok'),
  C(r'-\int \left(p_{data}(x) \log D_\phi(x) + p_\theta(x) \log(1 - D_\phi(x))\right) dx', r'-I.int(x => I.pd(x) * Math.log(I.D(x)) + I.pt(x) * Math.log(1 - I.D(x)))', 'ok'),
  C(r'\int f_x(D_\phi(x))\, dx', r'I.int(x => -I.pd(x) * Math.log(I.D(x)) - I.pt(x) * Math.log(1 - I.D(x)))', 'ok'),
])
answer('disc-04', 'md', 'notation drift (D for the discriminator, P, ln), a sign lost', [
  P('Q3(a) The discriminator loss, with D for the discriminator:'),
  S(r'L_D(\phi, \theta)', LD, r'-E_{x \sim P_{data}}[\ln D(x)] - E_{x \sim P_\theta}[\ln(1 - D(x))]', LD, 'ok'),
  C(r'\int \left(p_{data}(x) \ln D(x) + p_\theta(x) \ln(1 - D(x))\right) dx', r'I.int(x => I.pd(x) * Math.log(I.D(x)) + I.pt(x) * Math.log(1 - I.D(x)))', 'wrong'),
])
answer('disc-05', 'md', 'skipped steps in an equation chain', [
  P('3(a) Setting $f_x\'(t) = 0$ and solving in one go:'),
  E(r'-\frac{p_{data}(x)}{t} + \frac{p_\theta(x)}{1-t} = 0', f'-{pdx} / u + {ptx} / (1 - u)'),
  I(r't = \frac{p_{data}(x)}{p_{data}(x) + p_\theta(x)}', f'u - {pdx} / ({pdx} + {ptx})', 'ok', rel=r'\Rightarrow', reljs='implies'),
  I(r'1 - t = \frac{p_\theta(x)}{p_{data}(x) + p_\theta(x)}', f'1 - u - {ptx} / ({pdx} + {ptx})', 'ok', rel=r'\Rightarrow', reljs='implies'),
], unknown=[1e-9, 1 - 1e-9])
DS = r'I.Dstar(I.x)'
answer('disc-06', 'md', 'unusual forms of D*, a ratio upside down', [
  P('3(a) The optimum can be written several ways:'),
  S(r'D^*(x)', DS, r'\frac{p_{data}(x)}{p_{data}(x) + p_\theta(x)}', DS, 'ok'),
  C(r'\frac{1}{1 + \frac{p_\theta(x)}{p_{data}(x)}}', f'1 / (1 + {ptx} / {pdx})', 'ok'),
  C(r'\frac{1}{1 + \frac{p_{data}(x)}{p_\theta(x)}}', f'1 / (1 + {pdx} / {ptx})', 'wrong'),
])
# ---------- optimal-logit ----------
sg = r'1 / (1 + Math.exp(-u))'
answer('logit-01', 'md', 'terse equation chain in h', [
  P('3(b)'),
  E(r'\frac{1}{1 + e^{-h}} = \frac{p_{data}(x)}{p_\theta(x) + p_{data}(x)}', f'{sg} - {pdx} / ({ptx} + {pdx})'),
  I(r'1 + e^{-h} = \frac{p_\theta(x) + p_{data}(x)}{p_{data}(x)}', f'1 + Math.exp(-u) - ({ptx} + {pdx}) / {pdx}', 'ok'),
  I(r'e^{-h} = \frac{p_\theta(x)}{p_{data}(x)}', f'Math.exp(-u) - {ptx} / {pdx}', 'ok'),
  I(r'h = \log \frac{p_{data}(x)}{p_\theta(x)}', f'u - Math.log({pdx} / {ptx})', 'ok'),
], unknown=[-40, 40])
answer('logit-02', 'md', 'prose, a sign slip in the last line', [
  P('3(b) Solving $\\sigma(h) = D^*(x)$ for the logit $h$:'),
  E(r'\frac{1}{1 + e^{-h}} = \frac{p_{data}(x)}{p_\theta(x) + p_{data}(x)}', f'{sg} - {pdx} / ({ptx} + {pdx})'),
  I(r'e^{-h} = \frac{p_\theta(x)}{p_{data}(x)}', f'Math.exp(-u) - {ptx} / {pdx}', 'ok'),
  I(r'h = \log \frac{p_\theta(x)}{p_{data}(x)}', f'u - Math.log({ptx} / {pdx})', 'wrong'),
], unknown=[-40, 40])
answer('logit-03', 'md', 'unusual but correct: sigma(-h) = 1 - sigma(h)', [
  P('3(b) Since $\\sigma(-h) = 1 - \\sigma(h)$, the two class probabilities give the odds directly.'),
  E(r'\sigma(h) = \frac{p_{data}(x)}{p_{data}(x) + p_\theta(x)}', f'{sg} - {pdx} / ({pdx} + {ptx})'),
  I(r'\sigma(-h) = \frac{p_\theta(x)}{p_{data}(x) + p_\theta(x)}', f'1 / (1 + Math.exp(u)) - {ptx} / ({pdx} + {ptx})', 'ok'),
  I(r'h = \log p_{data}(x) - \log p_\theta(x)', f'u - Math.log({pdx}) + Math.log({ptx})', 'ok'),
], unknown=[-40, 40])
HS = f'-Math.log({ptx} / {pdx})'
answer('logit-04', 'tex', 'LaTeX align*-free, the logit as an identity chain', [
  P(r'\section*{3(b)}'),
  P(r'The optimal logit, rewritten.'),
  S(r'h^*(x)', HS, r'-\log \frac{p_\theta(x)}{p_{data}(x)}', HS, 'ok'),
  C(r'\log \frac{p_{data}(x)}{p_\theta(x)}', f'Math.log({pdx} / {ptx})', 'ok'),
  C(r'\log p_{data}(x) - \log p_\theta(x)', f'Math.log({pdx}) - Math.log({ptx})', 'ok'),
])
answer('logit-05', 'md', 'prose, a log of a quotient split wrongly', [
  P('3(b) At the optimum the logit is'),
  S(r'h^*(x)', HS, r'\log \frac{p_{data}(x)}{p_\theta(x)}', f'Math.log({pdx} / {ptx})', 'ok'),
  P('which splits into two logs:'),
  C(r'\log p_{data}(x) + \log p_\theta(x)', f'Math.log({pdx}) + Math.log({ptx})', 'wrong'),
])
answer('logit-06', 'md', 'the logit written h_phi(x): a function value as the unknown', [
  P('3(b) With $D_\\phi(x) = \\sigma(h_\\phi(x))$ at its optimum:'),
  E(r'\sigma(h_\phi(x)) = \frac{p_{data}(x)}{p_{data}(x) + p_\theta(x)}', f'{sg} - {pdx} / ({pdx} + {ptx})'),
  I(r'e^{-h_\phi(x)} = \frac{p_\theta(x)}{p_{data}(x)}', f'Math.exp(-u) - {ptx} / {pdx}', 'ok'),
  I(r'h_\phi(x) = \log \frac{p_{data}(x)}{p_\theta(x)}', f'u - Math.log({pdx} / {ptx})', 'ok'),
], unknown=[-40, 40])
# ---------- generator-loss-kl (D_phi = D^* is the exercise's given) ----------
LG = r'I.Et(x => Math.log(I.cDstar(x))) - I.Et(x => Math.log(I.Dstar(x)))'
KLtd = r'I.Et(x => Math.log(I.pt(x) / I.pd(x)))'
answer('gen-01', 'md', 'prose: "with D = D* = ... we get"', [
  P('3(c) With $D_\\phi = D^* = \\frac{p_{data}}{p_{data} + p_\\theta}$ we get'),
  S(r'L_G(\theta, \phi)', LG, r'\mathbb{E}_{x \sim p_\theta}\left[\log \frac{1 - D_\phi(x)}{D_\phi(x)}\right]', r'I.Et(x => Math.log(I.cDstar(x) / I.Dstar(x)))', 'ok'),
  C(r'\mathbb{E}_{x \sim p_\theta}\left[\log \frac{p_\theta(x)}{p_{data}(x)}\right]', KLtd, 'ok'),
  C(r'KL(p_\theta \| p_{data})', KLtd, 'ok'),
])
answer('gen-02', 'md', 'prose, KL arguments swapped at the end', [
  P('3(c) Plugging in the optimal discriminator $D_\\phi = D^*$:'),
  S(r'L_G(\theta, \phi)', LG, r'\mathbb{E}_{x \sim p_\theta}\left[\log \frac{p_\theta(x)}{p_{data}(x)}\right]', KLtd, 'ok'),
  P('which is the divergence'),
  C(r'KL(p_{data} \| p_\theta)', KLdt, 'wrong'),
])
answer('gen-03', 'tex', 'LaTeX, integrals, checked with --derivation', [
  P(r'\section*{Generator loss}'),
  S(r'L_G(\theta, \phi)', LG, r'\int p_\theta(x) \log \frac{1 - D_\phi(x)}{D_\phi(x)}\, dx', r'I.int(x => I.pt(x) * Math.log(I.cDstar(x) / I.Dstar(x)))', 'ok'),
  C(r'\int p_\theta(x) \log \frac{p_\theta(x)}{p_{data}(x)}\, dx', r'I.int(x => I.pt(x) * Math.log(I.pt(x) / I.pd(x)))', 'ok'),
  C(r'KL(p_\theta \| p_{data})', KLtd, 'ok'),
], derivation='generator-loss-kl')
answer('gen-04', 'md', 'prose, a ratio upside down, then carried on', [
  P('3(c) Taking the discriminator at its optimum $D^*$,'),
  S(r'L_G(\theta, \phi)', LG, r'E_{x \sim p_\theta}\left[\log \frac{1 - D^*(x)}{D^*(x)}\right]', r'I.Et(x => Math.log(I.cDstar(x) / I.Dstar(x)))', 'ok'),
  C(r'E_{x \sim p_\theta}\left[\log \frac{p_{data}(x)}{p_\theta(x)}\right]', r'I.Et(x => Math.log(I.pd(x) / I.pt(x)))', 'wrong'),
  C(r'-KL(p_\theta \| p_{data})', r'-' + KLtd, 'ok'),
])
answer('gen-05', 'md', 'skipped steps: the given used without restating it', [
  P('3(c) At the optimal discriminator the generator loss is simply'),
  S(r'L_G(\theta, \phi)', LG, r'KL(p_\theta \| p_{data})', KLtd, 'ok'),
])
answer('gen-06', 'md', 'notation drift: P, ln, plain E', [
  P('3(c) Writing P for densities and using $D_\\phi = D^*$:'),
  S(r'L_G(\theta, \phi)', LG, r'E_{x \sim P_\theta}[\ln(1 - D_\phi(x))] - E_{x \sim P_\theta}[\ln D_\phi(x)]', LG, 'ok'),
  C(r'E_{x \sim P_\theta}\left[\ln \frac{P_\theta(x)}{P_{data}(x)}\right]', KLtd, 'ok'),
])
# ---------- gradient-saturation ----------
dmm = r'I.dth((th) => I.Ez((z) => Math.log(1 - I.D(I.G(z, th)))))'
dns = r'I.dth((th) => -I.Ez((z) => Math.log(I.D(I.G(z, th)))))'
answer('sat-01', 'md', 'prose, \\partial_\\theta notation', [
  P('2(a) Differentiating the minimax loss under the expectation:'),
  S(r'\partial_\theta L_G^{mm}(\theta, \phi)', dmm, r'\mathbb{E}_{z}\left[\partial_\theta \log(1 - \sigma(h_\phi(G_\theta(z))))\right]', dmm, 'ok'),
  C(r'\mathbb{E}_{z}\left[-\sigma(h_\phi(G_\theta(z)))\, \partial_\theta h_\phi(G_\theta(z))\right]', r'I.Ez((z) => -I.D(I.G(z)) * I.dhG(z))', 'ok'),
  C(r'-\mathbb{E}_{z}\left[D_\phi(G_\theta(z))\, \partial_\theta h_\phi(G_\theta(z))\right]', r'-I.Ez((z) => I.D(I.G(z)) * I.dhG(z))', 'ok'),
])
answer('sat-02', 'md', 'prose, the inner derivative forgotten', [
  P('2(a) By the chain rule,'),
  S(r'\partial_\theta L_G^{mm}(\theta, \phi)', dmm, r'\mathbb{E}_{z}\left[-\sigma(h_\phi(G_\theta(z)))\right]', r'I.Ez((z) => -I.D(I.G(z)))', 'wrong'),
])
answer('sat-03', 'tex', 'LaTeX, a sign lost', [
  P(r'\section*{2(a)}'),
  S(r'\partial_\theta L_G^{mm}(\theta, \phi)', dmm, r'\mathbb{E}_{z}\left[\partial_\theta \log(1 - \sigma(h_\phi(G_\theta(z))))\right]', dmm, 'ok'),
  C(r'\mathbb{E}_{z}\left[\sigma(h_\phi(G_\theta(z)))\, \partial_\theta h_\phi(G_\theta(z))\right]', r'I.Ez((z) => I.D(I.G(z)) * I.dhG(z))', 'wrong'),
])
answer('sat-04', 'md', "unusual but correct: sigma' and 1 - sigma(h) = sigma(-h)", [
  P("2(a) With $\\sigma'(h) = \\sigma(h)\\sigma(-h)$ and $1 - \\sigma(h) = \\sigma(-h)$:"),
  S(r'\partial_\theta L_G^{mm}(\theta, \phi)', dmm, r'\mathbb{E}_{z}\left[-\frac{\sigma(h_\phi(G_\theta(z)))\, \sigma(-h_\phi(G_\theta(z)))}{\sigma(-h_\phi(G_\theta(z)))}\, \partial_\theta h_\phi(G_\theta(z))\right]', r'I.Ez((z) => -I.D(I.G(z)) * I.dhG(z))', 'ok'),
  C(r'-\mathbb{E}_{z}\left[\sigma(h_\phi(G_\theta(z)))\, \partial_\theta h_\phi(G_\theta(z))\right]', r'-I.Ez((z) => I.D(I.G(z)) * I.dhG(z))', 'ok'),
])
answer('sat-05', 'md', 'the non-saturating loss, correct', [
  P('2(b) For the non-saturating loss instead:'),
  S(r'\partial_\theta L_G^{ns}(\theta, \phi)', dns, r'-\mathbb{E}_{z}\left[\partial_\theta \log \sigma(h_\phi(G_\theta(z)))\right]', dns, 'ok'),
  C(r'-\mathbb{E}_{z}\left[(1 - \sigma(h_\phi(G_\theta(z))))\, \partial_\theta h_\phi(G_\theta(z))\right]', r'-I.Ez((z) => (1 - I.D(I.G(z))) * I.dhG(z))', 'ok'),
])
answer('sat-06', 'md', 'the non-saturating loss, sigma for 1 - sigma', [
  P('2(b) Differentiating the non-saturating loss:'),
  S(r'\partial_\theta L_G^{ns}(\theta, \phi)', dns, r'-\mathbb{E}_{z}\left[\sigma(-h_\phi(G_\theta(z)))\, \partial_\theta h_\phi(G_\theta(z))\right]', r'-I.Ez((z) => (1 - I.D(I.G(z))) * I.dhG(z))', 'ok'),
  C(r'-\mathbb{E}_{z}\left[\sigma(h_\phi(G_\theta(z)))\, \partial_\theta h_\phi(G_\theta(z))\right]', r'-I.Ez((z) => I.D(I.G(z)) * I.dhG(z))', 'wrong'),
])
# ---------- conditional-gaussian-logit (d = 1) ----------
PH, MU, MH = 'I.phi(I.x)', 'I.muY(I.y)', 'I.muhatY(I.y)'
HJ = r'Math.log(I.pdxy(I.x, I.y) * I.pdy(I.y) / (I.ptxy(I.x, I.y) * I.pty(I.y)))'
SPLIT = r'Math.log(I.pdxy(I.x, I.y) / I.ptxy(I.x, I.y)) + Math.log(I.pdy(I.y) / I.pty(I.y))'
COND = r'Math.log(I.pdxy(I.x, I.y) / I.ptxy(I.x, I.y))'
SQ = f'-0.5 * ({PH} - {MU}) ** 2 + 0.5 * ({PH} - {MH}) ** 2'
LIN = f'{PH} * ({MU} - {MH}) - 0.5 * ({MU} ** 2 - {MH} ** 2)'
def cond_rows(drop_label='ok', sq=SQ, sq_tex=r'-\frac{1}{2}(\varphi(x) - \mu_y)^2 + \frac{1}{2}(\varphi(x) - \hat\mu_y)^2', sq_label='ok', lin=LIN, lin_tex=r'\varphi(x)(\mu_y - \hat\mu_y) - \frac{1}{2}(\mu_y^2 - \hat\mu_y^2)', lin_label='ok'):
    return [
      S(r'h^*(x, y)', HJ, r'\log \frac{p_{data}(x, y)}{p_\theta(x, y)}', HJ, 'ok'),
      C(r'\log \frac{p_{data}(x \mid y)}{p_\theta(x \mid y)} + \log \frac{p_{data}(y)}{p_\theta(y)}', SPLIT, 'ok'),
      C(r'\log \frac{p_{data}(x \mid y)}{p_\theta(x \mid y)}', COND, drop_label),
      C(r'\log \frac{\mathcal{N}(\varphi(x) \mid \mu_y, I)}{\mathcal{N}(\varphi(x) \mid \hat\mu_y, I)}', COND, 'ok'),
      C(sq_tex, sq, sq_label),
      C(lin_tex, lin, lin_label),
    ]
answer('cond-01', 'md', 'prose: the equal marginals stated first', [
  P('4(a) Assume equal class marginals, $p_\\theta(y) = p_{data}(y)$.'),
  *cond_rows(),
], over='{ equalMarginals: true }')
answer('cond-02', 'md', 'prose: the marginal term dropped without saying why', [
  P('4(a) The log-ratio of the joints:'),
  *cond_rows(drop_label='wrong'),
])
answer('cond-03', 'md', 'prose: the factor 1/2 dropped', [
  P('4(a) Since $p_\\theta(y) = p_{data}(y)$ the class term goes away.'),
  *cond_rows(sq=f'-(({PH} - {MU}) ** 2) + ({PH} - {MH}) ** 2', sq_tex=r'-(\varphi(x) - \mu_y)^2 + (\varphi(x) - \hat\mu_y)^2', sq_label='wrong',
             lin=f'2 * {PH} * ({MU} - {MH}) - ({MU} ** 2 - {MH} ** 2)', lin_tex=r'2\varphi(x)(\mu_y - \hat\mu_y) - (\mu_y^2 - \hat\mu_y^2)'),
], over='{ equalMarginals: true }')
answer('cond-04', 'tex', 'LaTeX, checked with --derivation, marginals stated', [
  P(r'\section*{4(a)}'),
  P(r'We take equal class marginals, $p_\theta(y) = p_{data}(y)$, as the exercise asks us to state.'),
  *cond_rows(),
], derivation='conditional-gaussian-logit', over='{ equalMarginals: true }')
answer('cond-05', 'md', 'prose: a sign slip in the expansion', [
  P('4(a) With $p_\\theta(y) = p_{data}(y)$:'),
  *cond_rows(lin=f'{PH} * ({MH} - {MU}) - 0.5 * ({MU} ** 2 - {MH} ** 2)', lin_tex=r'\varphi(x)(\hat\mu_y - \mu_y) - \frac{1}{2}(\mu_y^2 - \hat\mu_y^2)', lin_label='wrong'),
], over='{ equalMarginals: true }')
# ---------- gaussian-kl ----------
KLg = r'I.EN(I.theta, I.eps, (x) => Math.log(I.normal(x, I.theta, I.eps) / I.normal(x, I.theta0, I.eps)))'
CF = r'(I.theta - I.theta0) ** 2 / (2 * I.eps ** 2)'
EXP = r'I.EN(I.theta, I.eps, (x) => ((x - I.theta0) ** 2 - (x - I.theta) ** 2) / (2 * I.eps ** 2))'
answer('gkl-01', 'md', 'skipped steps: straight to the closed form', [
  P('5(a) Both Gaussians have variance $\\epsilon^2$, so the normalisers cancel:'),
  S(r'KL(p_\theta \| p_{data})', KLg, r'\mathbb{E}_{x \sim \mathcal{N}(\theta, \epsilon^2)}\left[\frac{(x - \theta_0)^2 - (x - \theta)^2}{2\epsilon^2}\right]', EXP, 'ok'),
  C(r'\frac{(\theta - \theta_0)^2}{2\epsilon^2}', CF, 'ok'),
])
answer('gkl-02', 'md', 'prose: the wrong mean used for E[x]', [
  P('5(a) Expanding the squares inside the expectation,'),
  S(r'KL(p_\theta \| p_{data})', KLg, r'\frac{1}{2\epsilon^2} \mathbb{E}_{x \sim \mathcal{N}(\theta, \epsilon^2)}\left[2x\theta - 2x\theta_0 + \theta_0^2 - \theta^2\right]', r'I.EN(I.theta, I.eps, (x) => 2 * x * I.theta - 2 * x * I.theta0 + I.theta0 ** 2 - I.theta ** 2) / (2 * I.eps ** 2)', 'ok'),
  P('and using $E[x] = \\theta_0$:'),
  C(r'\frac{1}{2\epsilon^2}\left(2\theta_0\theta - 2\theta_0^2 + \theta_0^2 - \theta^2\right)', r'(2 * I.theta0 * I.theta - 2 * I.theta0 ** 2 + I.theta0 ** 2 - I.theta ** 2) / (2 * I.eps ** 2)', 'wrong'),
])
answer('gkl-03', 'md', 'the derivative, a factor 2 too many', [
  P('5(b) The gradient of the closed form:'),
  S(r'\partial_\theta \frac{(\theta - \theta_0)^2}{2\epsilon^2}', r'(I.theta - I.theta0) / I.eps ** 2', r'\frac{\theta - \theta_0}{\epsilon^2}', r'(I.theta - I.theta0) / I.eps ** 2', 'ok'),
  C(r'\frac{2(\theta - \theta_0)}{\epsilon^2}', r'2 * (I.theta - I.theta0) / I.eps ** 2', 'wrong'),
])
answer('gkl-04', 'tex', 'LaTeX, the KL as an integral of Gaussian densities', [
  P(r'\section*{5(a)}'),
  S(r'KL(p_\theta \| p_{data})', KLg, r'\int \mathcal{N}(x \mid \theta, \epsilon^2) \log \frac{\mathcal{N}(x \mid \theta, \epsilon^2)}{\mathcal{N}(x \mid \theta_0, \epsilon^2)}\, dx', KLg, 'ok'),
  C(r'\frac{(\theta - \theta_0)^2}{2\epsilon^2}', CF, 'ok'),
])
answer('gkl-05', 'md', 'prose: an arithmetic slip at the very end', [
  P('5(a) After taking the expectation,'),
  S(r'KL(p_\theta \| p_{data})', KLg, r'\frac{\theta_0^2 + \theta^2 - 2\theta_0\theta}{2\epsilon^2}', CF, 'ok'),
  P('which is a perfect square:'),
  C(r'\frac{(\theta - \theta_0)^2}{\epsilon^2}', r'(I.theta - I.theta0) ** 2 / I.eps ** 2', 'wrong'),
])
answer('gkl-06', 'md', 'step by step, every line correct', [
  P('5(a)'),
  S(r'KL(p_\theta \| p_{data})', KLg, r'\frac{1}{2\epsilon^2} E_{x \sim \mathcal{N}(\theta, \epsilon^2)}\left[-2x\theta_0 + \theta_0^2 + 2x\theta - \theta^2\right]', r'I.EN(I.theta, I.eps, (x) => -2 * x * I.theta0 + I.theta0 ** 2 + 2 * x * I.theta - I.theta ** 2) / (2 * I.eps ** 2)', 'ok'),
  C(r'\frac{\theta_0^2 - \theta^2}{2\epsilon^2} + \frac{2\theta - 2\theta_0}{2\epsilon^2}\theta', r'(I.theta0 ** 2 - I.theta ** 2) / (2 * I.eps ** 2) + (2 * I.theta - 2 * I.theta0) / (2 * I.eps ** 2) * I.theta', 'ok'),
  C(r'\frac{(\theta - \theta_0)^2}{2\epsilon^2}', CF, 'ok'),
])
# ---------- notation another helper is adding (\frac{d}{d\theta}, |x|): counted, may stay unread ----------
answer('gkl-07', 'md', 'd/dtheta and absolute values (notation being added)', [
  P('5(b) The slope of the divergence, and its size:'),
  S(r'\frac{d}{d\theta} \frac{(\theta - \theta_0)^2}{2\epsilon^2}', r'(I.theta - I.theta0) / I.eps ** 2', r'\frac{\theta - \theta_0}{\epsilon^2}', r'(I.theta - I.theta0) / I.eps ** 2', 'ok'),
  P('so its magnitude is'),
  S(r'\left|\frac{\theta - \theta_0}{\epsilon^2}\right|', r'Math.abs(I.theta - I.theta0) / I.eps ** 2', r'\frac{|\theta - \theta_0|}{\epsilon^2}', r'Math.abs(I.theta - I.theta0) / I.eps ** 2', 'ok'),
])
answer('disc-07', 'md', 'd/dt written out (notation being added), then solved', [
  P('3(a) Differentiating the pointwise loss in $t$:'),
  S(r'\frac{d}{dt} f_x(t)', r'-I.pd(I.x) / I.t + I.pt(I.x) / (1 - I.t)', r'-\frac{p_{data}(x)}{t} + \frac{p_\theta(x)}{1 - t}', r'-I.pd(I.x) / I.t + I.pt(I.x) / (1 - I.t)', 'ok'),
])
# ---------- harder layouts ----------
answer('sat-07', 'tex', 'LaTeX align* with &=, ending in a limit with its condition in words', [
  P(r'\section*{Question 2(a)}'),
  P(r'Differentiate under the expectation, then let the discriminator win.'),
  S(r'\partial_\theta L_G^{mm}(\theta, \phi)', dmm, r'\mathbb{E}_{z}\left[-\sigma(h_\phi(G_\theta(z)))\, \partial_\theta h_\phi(G_\theta(z))\right]', r'I.Ez((z) => -I.D(I.G(z)) * I.dhG(z))', 'ok'),
  C(r'0 \quad \text{as } D_\phi(G_\theta(z)) \to 0', '0', 'ok', rel=r'\to', reljs='lim'),
], align=True, extra='sequence: (n) => ({ c0: -n })')
answer('logit-07', 'tex', 'LaTeX align* equation chain with \\Leftrightarrow', [
  P(r'\section*{3(b)}'),
  E(r'\frac{1}{1 + e^{-h}} = \frac{p_{data}(x)}{p_\theta(x) + p_{data}(x)}', f'{sg} - {pdx} / ({ptx} + {pdx})'),
  I(r'e^{-h} = \frac{p_\theta(x)}{p_{data}(x)}', f'Math.exp(-u) - {ptx} / {pdx}', 'ok'),
  I(r'-h = \log \frac{p_\theta(x)}{p_{data}(x)}', f'-u - Math.log({ptx} / {pdx})', 'ok'),
], unknown=[-40, 40], align=True)
answer('disc-08', 'md', 'equations one under another, no connectives written', [
  P('3(a) Setting the derivative of $f_x$ to zero gives'),
  E(r'\frac{p_{data}(x)}{t} = \frac{p_\theta(x)}{1-t}', f'{pdx} / u - {ptx} / (1 - u)'),
  I(r'p_{data}(x)(1 - t) = p_\theta(x)\, t', f'{pdx} * (1 - u) - {ptx} * u', 'ok', rel='', reljs='implies'),
  I(r't = \frac{p_{data}(x)}{p_{data}(x) + p_\theta(x)}', f'u - {pdx} / ({pdx} + {ptx})', 'ok', rel='', reljs='implies'),
], unknown=[1e-9, 1 - 1e-9])
answer('gen-07', 'md', 'KL written with || and the given stated as "if"', [
  P('3(c) If $D_\\phi = D^*$, then'),
  S(r'L_G(\theta, \phi)', LG, r'E_{x \sim p_\theta}\left[\log \frac{1 - D^*(x)}{D^*(x)}\right]', r'I.Et(x => Math.log(I.cDstar(x) / I.Dstar(x)))', 'ok'),
  C(r'KL(p_\theta || p_{data})', KLtd, 'ok'),
])
answer('mle-07', 'md', 'expectation written with the density as subscript', [
  P('3(d) In short-hand, with the expectation over the data:'),
  S(r'L_{MLE}(\theta)', LMLE, r'-\mathbb{E}_{p_{data}}[\log p_\theta(x)]', LMLE, 'ok'),
  C(r'\mathbb{E}_{p_{data}}\left[\log \frac{p_{data}(x)}{p_\theta(x)}\right]', KLdt, 'ok', rel=r'\doteq_\theta', reljs='doteq'),
])
answer('cond-06', 'md', 'vector norms written in one dimension, a wrong sign on the square', [
  P('4(a) Given $p_\\theta(y) = p_{data}(y)$, and Gaussians with identity covariance,'),
  S(r'h^*(x, y)', HJ, r'-\frac{1}{2}\|\varphi(x) - \mu_y\|^2 + \frac{1}{2}\|\varphi(x) - \hat\mu_y\|^2', SQ, 'ok'),
  C(r'\varphi(x)^\top(\mu_y - \hat\mu_y) + \frac{1}{2}(\|\mu_y\|^2 - \|\hat\mu_y\|^2)', f'{PH} * ({MU} - {MH}) + 0.5 * ({MU} ** 2 - {MH} ** 2)', 'wrong'),
], over='{ equalMarginals: true }')
