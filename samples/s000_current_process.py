from multiprocessing import process,current_process
def work():
    print('我是进程:%s' % current_process().name)
work()
