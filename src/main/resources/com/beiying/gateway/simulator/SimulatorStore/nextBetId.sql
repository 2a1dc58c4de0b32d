SELECT nextval('sim_bet_ids')
